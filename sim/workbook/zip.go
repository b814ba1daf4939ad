package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"slices"

	"github.com/xuri/excelize/v2"
)

// sortedZip is the zip writer the workbook is saved through: excelize
// writes the parts of streamed sheets in map order, which changes from
// one run to the next, so sortedZip keeps every part and writes them in
// a fixed order when closed ([Content_Types].xml first, as Office
// writes it, then by name). The same workbook then has the same bytes.
type sortedZip struct {
	w     io.Writer
	parts map[string]*bytes.Buffer
}

func newSortedZip(w io.Writer) excelize.ZipWriter {
	return &sortedZip{w: w, parts: map[string]*bytes.Buffer{}}
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if _, ok := z.parts[name]; ok {
		return nil, errors.New("workbook: part " + name + " written twice")
	}
	b := &bytes.Buffer{}
	z.parts[name] = b
	return b, nil
}

func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("workbook: AddFS is not supported")
}

func (z *sortedZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for name := range z.parts {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		const first = "[Content_Types].xml"
		switch {
		case a == first:
			return -1
		case b == first:
			return 1
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	})
	zw := zip.NewWriter(z.w)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := w.Write(z.parts[name].Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}
