package main

import (
	"errors"
	"fmt"
	"io"
)

func cmdValidate(stdout io.Writer, args []string) error {
	if wantsHelp(args) {
		return errHelp
	}
	if len(args) == 0 {
		return usagef("validate needs at least one scenario file")
	}
	var errs []error
	for _, name := range args {
		in, err := loadScenario(name)
		if err == nil {
			_, err = in.file.Compile()
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: ok (%s)\n", in.path, in.file.Name)
	}
	return errors.Join(errs...)
}
