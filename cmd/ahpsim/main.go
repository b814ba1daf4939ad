package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Stdout, os.Stderr, os.Args[1:])
	os.Exit(exitCode(os.Stderr, err))
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitCode prints err, if any, and returns the process exit code: 0 for
// success, 2 for a usage error, 1 for anything else.
func exitCode(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	if msg := err.Error(); strings.Contains(msg, "\n") {
		// A list of scenario errors, one "file:line:col: ..." per line.
		fmt.Fprintln(stderr, msg)
	} else {
		fmt.Fprintf(stderr, "ahpsim: %s\n", msg)
	}
	var u usageError
	if errors.As(err, &u) {
		fmt.Fprintln(stderr, "Run 'ahpsim help' for usage.")
		return 2
	}
	return 1
}

const usage = `ahpsim simulates NHS Allied Health Professional workforce supply and demand.

Usage:
  ahpsim run [FILE|EXAMPLE] [flags]   run a scenario and its options (default: the bhr-baseline example)
  ahpsim compare [FILE|EXAMPLE] [flags]
                                      run the options on common random numbers and compare them
                                      (default: the bhr-options example)
  ahpsim merge [flags] SHARD_DIR...   combine the partial results of shards (run --shard I/N)
  ahpsim validate FILE...             check scenario files and report every error
  ahpsim init TABLE --out FILE        write a scenario from the latest month of a history table
  ahpsim calibrate TABLE --out FILE   fit a scenario's rates to a history table, with uncertainty
  ahpsim hindcast SCENARIO --data TABLE --from MONTH --out DIR
                                      score a scenario's projection against a history
  ahpsim synth SCENARIO --months N --out FILE
                                      simulate the monthly history a trust would have recorded
  ahpsim examples [NAME]              list the embedded examples, or print one
  ahpsim schema                       print the JSON Schema of scenario files, for editors
  ahpsim version                      print the version (also: ahpsim --version)
  ahpsim help [COMMAND]               print this help, or a command's

Run 'ahpsim help COMMAND' or 'ahpsim COMMAND --help' for a command's flags.
`

// run is the whole command: it parses args and dispatches to a subcommand.
// A subcommand given -h, -help or --help prints its help instead.
func run(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	if len(args) == 0 {
		return cmdRun(ctx, stdout, stderr, nil)
	}
	cmd := args[0]
	if cmd == "--version" || cmd == "-version" {
		cmd = "version"
	}
	err := dispatch(ctx, stdout, stderr, cmd, args[1:])
	if errors.Is(err, errHelp) {
		return printHelp(stdout, cmd)
	}
	return err
}

func dispatch(ctx context.Context, stdout, stderr io.Writer, cmd string, args []string) error {
	switch cmd {
	case "run":
		return cmdRun(ctx, stdout, stderr, args)
	case "compare":
		return cmdCompare(ctx, stdout, stderr, args)
	case "merge":
		return cmdMerge(ctx, stdout, stderr, args)
	case "validate":
		return cmdValidate(stdout, args)
	case "synth":
		return cmdSynth(ctx, stdout, stderr, args)
	case "init":
		return cmdInit(stdout, args)
	case "calibrate":
		return cmdCalibrate(stdout, args)
	case "hindcast":
		return cmdHindcast(ctx, stdout, stderr, args)
	case "examples":
		return cmdExamples(stdout, args)
	case "schema":
		return cmdSchema(stdout, args)
	case "version":
		return cmdVersion(stdout, args)
	case "help":
		return cmdHelp(stdout, args)
	case "-h", "-help", "--help":
		return cmdHelp(stdout, nil)
	}
	return usagef("unknown command %q", cmd)
}
