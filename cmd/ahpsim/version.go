package main

import (
	"fmt"
	"io"
	"runtime"

	"github.com/ahpsim/ahpsim"
)

func cmdVersion(stdout io.Writer, args []string) error {
	if wantsHelp(args) {
		return errHelp
	}
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(stdout, "ahpsim %s (%s)\n", ahpsim.Version, runtime.Version())
	return nil
}
