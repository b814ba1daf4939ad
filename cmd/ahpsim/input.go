package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
)

// defaultExample is what `ahpsim run` runs with no argument.
const defaultExample = "bhr-baseline"

// input is a scenario to run: its file, where it came from and its bytes.
type input struct {
	path string // the file name, or "example:NAME"
	name string // a short name for the output directory
	data []byte
	file *scenario.File
}

// loadScenario reads a scenario file or, when no file has that name, an
// embedded example.
func loadScenario(arg string) (*input, error) {
	data, err := readLimited(arg)
	path := arg
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(arg, `/\`):
		ex, exErr := examples.Read(arg)
		if exErr != nil {
			return nil, fmt.Errorf("no scenario file or example named %q: %v", arg, exErr)
		}
		data, path = ex, "example:"+strings.TrimSuffix(arg, ".yaml")
	default:
		return nil, err
	}
	if len(data) > scenario.MaxBytes {
		return nil, fmt.Errorf("%s: file is %d bytes (want at most %d)", path, len(data), scenario.MaxBytes)
	}
	f, err := scenario.Parse(path, data)
	if err != nil {
		return nil, err
	}
	return &input{path: path, name: inputName(path), data: data, file: f}, nil
}

// readLimited reads a file, but no more than one byte past the size limit,
// so that a huge file is refused without being read whole.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, scenario.MaxBytes+1))
}

// inputName is the short name of a scenario source, for out/NAME.
func inputName(source string) string {
	base := filepath.Base(strings.TrimPrefix(source, "example:"))
	return strings.TrimSuffix(base, filepath.Ext(base))
}
