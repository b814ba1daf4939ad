package main

import (
	"bytes"
	"context"

	"github.com/ahpsim/ahpsim"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/sim/report"
	"github.com/ahpsim/ahpsim/sim/workbook"
)

// workbookFile is the workbook --xlsx writes into the output directory.
const workbookFile = "results.xlsx"

const xlsxUsage = "also write " + workbookFile + ", one Excel workbook of the results: contents, a sheet per key metric by date, the comparison, costs by financial year and the assumptions"

// addWorkbook adds results.xlsx to the files commit writes, so it is
// written with the others or not at all.
func addWorkbook(ctx context.Context, j *job, c *sim.Comparison, files map[string][]byte) error {
	var buf bytes.Buffer
	err := untilCancelled(ctx, "writing "+workbookFile, func() error {
		return workbook.Write(&buf, c, workbookInfo(j, c))
	})
	if err != nil {
		return err
	}
	files[workbookFile] = buf.Bytes()
	return nil
}

// workbookInfo is what the workbook shows that the comparison does not
// hold: where the scenario came from, the assumptions (those of
// report.html) and the interval of the ranges, the report's.
func workbookInfo(j *job, c *sim.Comparison) workbook.Info {
	interval := j.interval
	if interval == 0 {
		interval = report.DefaultInterval
	}
	info := workbook.Info{ToolVersion: ahpsim.Version, Source: j.in.path, Interval: interval, Suppress: j.suppress}
	for _, a := range assumptions(j, c) {
		info.Assumptions = append(info.Assumptions, workbook.Assumption(a))
	}
	return info
}
