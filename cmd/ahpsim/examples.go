package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/ahpsim/ahpsim/examples"
)

func cmdExamples(stdout io.Writer, args []string) error {
	if wantsHelp(args) {
		return errHelp
	}
	switch len(args) {
	case 0:
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		for _, ex := range examples.List() {
			fmt.Fprintf(tw, "%s\t%s\n", ex.Name, ex.Title)
		}
		return tw.Flush()
	case 1:
		data, err := examples.Read(args[0])
		if err != nil {
			return err
		}
		_, err = stdout.Write(data)
		return err
	}
	return usagef("examples takes at most one example name")
}
