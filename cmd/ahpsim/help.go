package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
)

// errHelp is returned by a command given -h, -help or --help: run prints
// the command's help on standard output and exits 0.
var errHelp = errors.New("help requested")

// commandDoc is what a command's help says: how to call it, what it does,
// and its flags (none for validate, examples, version and help).
type commandDoc struct {
	usage string
	about string
	flags func() *flag.FlagSet
}

var commandDocs = map[string]commandDoc{
	"run": {
		usage: "ahpsim run [FILE|EXAMPLE] [flags]",
		about: `Run simulates a scenario file, or the embedded example of that name when
no file has it (default: bhr-baseline), and every option in it. It writes
summary.csv, manifest.json and plots/ into the output directory (with --xlsx
also results.xlsx, one Excel workbook), and prints the vacancy rate at the
start, the middle and the end of the horizon.`,
		flags: func() *flag.FlagSet { fs, _ := newJobFlags("run"); return fs },
	},
	"compare": {
		usage: "ahpsim compare [FILE|EXAMPLE] [flags]",
		about: `Compare runs the baseline and every option of a scenario (default: the
bhr-options example) on common random numbers and writes, besides what run
writes, comparison.csv and report.html. The scenario needs options; to start
from one that has them:

  ahpsim examples bhr-options > my.yaml`,
		flags: func() *flag.FlagSet { fs, _ := newJobFlags("compare"); return fs },
	},
	"merge": {
		usage: "ahpsim merge [flags] SHARD_DIR...",
		about: `Merge combines the output directories of the shards of one job (run or
compare with --shard I/N) into the outputs the whole job would have written.
It checks that they are every shard of one job, once each, and writes
nothing if they are not.`,
		flags: func() *flag.FlagSet { fs, _ := newMergeFlags(); return fs },
	},
	"validate": {
		usage: "ahpsim validate FILE...",
		about: `Validate checks scenario files and reports every problem at once, each as
file:line:column: path.to.field: what is wrong (got X, want Y).`,
	},
	"examples": {
		usage: "ahpsim examples [NAME]",
		about: `Examples lists the embedded example scenarios or prints one, to start a
scenario of your own:

  ahpsim examples bhr-options > my.yaml`,
	},
	"version": {
		usage: "ahpsim version",
		about: "Version prints the version of ahpsim and of Go it was built with;\n'ahpsim --version' does the same.",
	},
	"help": {
		usage: "ahpsim help [COMMAND]",
		about: "Help lists the commands or prints a command's help, as\n'ahpsim COMMAND --help' does.",
	},
}

// cmdHelp prints the list of commands, or one command's help.
func cmdHelp(stdout io.Writer, args []string) error {
	if wantsHelp(args) {
		return errHelp
	}
	switch len(args) {
	case 0:
		fmt.Fprint(stdout, usage)
		return nil
	case 1:
		if _, ok := commandDocs[args[0]]; !ok {
			return usagef("unknown command %q", args[0])
		}
		return printHelp(stdout, args[0])
	}
	return usagef("help takes at most one command")
}

// printHelp prints a command's help: usage, what it does, and its flags,
// spelled with two dashes as in the manual and the README (one dash works
// too).
func printHelp(w io.Writer, cmd string) error {
	doc := commandDocs[cmd]
	fmt.Fprintf(w, "Usage: %s\n\n%s\n\nFlags:\n", doc.usage, doc.about)
	tw := tabwriter.NewWriter(w, 0, 4, 3, ' ', 0)
	if doc.flags != nil {
		printFlags(tw, doc.flags())
	}
	fmt.Fprintln(tw, "  -h, --help\tprint this help")
	if err := tw.Flush(); err != nil {
		return err
	}
	if doc.flags != nil {
		fmt.Fprintln(w, "\nFlags may come before or after the arguments.")
	}
	return nil
}

// printFlags writes one line per flag: its name, the name of its value
// (the back-quoted word of its usage, as flag.PrintDefaults takes it) and
// what it does.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		value, text := flag.UnquoteUsage(f)
		if value != "" {
			value = " " + value
		}
		fmt.Fprintf(w, "  --%s%s\t%s\n", f.Name, value, text)
	})
}

// wantsHelp reports whether args ask for help, for the commands that have
// no flags to parse.
func wantsHelp(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool {
		return a == "-h" || a == "-help" || a == "--help"
	})
}
