package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The helpers of init and calibrate: the commands that write scenarios
// from a history table.

// refuseExisting returns an error naming each file that exists, when
// force is not set: nothing is overwritten without --force.
func refuseExisting(force bool, paths ...string) error {
	if force {
		return nil
	}
	var errs []error
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			errs = append(errs, fmt.Errorf("%s already exists (give --force to replace it)", p))
		} else if !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// writeDataFile writes a file whole or not at all: into a temporary file
// beside it, renamed over it once complete.
func writeDataFile(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// scenarioName is the name of a scenario written from a table:
// "riverside from history.csv".
func scenarioName(table string) string {
	base := filepath.Base(table)
	return strings.TrimSuffix(base, filepath.Ext(base)) + " (from " + base + ")"
}
