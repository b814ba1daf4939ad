package history_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// date is a day, as a workbook cell holding a date serial.
func date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

// percent is a share that writeXLSX formats as a percentage, as Excel
// does for a cell typed "4.5%".
type percent float64

// writeXLSX writes rows to the first sheet of a new workbook, named
// sheet: time.Time values as dates, percent values formatted 0.0%.
func writeXLSX(t *testing.T, path, sheet string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", sheet))
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	require.NoError(t, err)
	for i, row := range rows {
		for j, v := range row {
			axis, err := excelize.CoordinatesToCellName(j+1, i+1)
			require.NoError(t, err)
			if p, ok := v.(percent); ok {
				require.NoError(t, f.SetCellValue(sheet, axis, float64(p)))
				require.NoError(t, f.SetCellStyle(sheet, axis, axis, pct))
				continue
			}
			require.NoError(t, f.SetCellValue(sheet, axis, v))
		}
	}
	require.NoError(t, f.SaveAs(path))
}
