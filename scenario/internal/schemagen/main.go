// Command schemagen writes the JSON Schema of the scenario format and the
// descriptions it takes from the Go source. go generate ./scenario runs it
// twice, in this order:
//
//	schemagen -docs schema_doc.go                (the doc comments, as Go)
//	schemagen -schema ../docs/ahpsim.schema.json (the schema, built with them)
//
// The second run is a new build, so it compiles the table the first
// wrote. It runs in the scenario directory, as go generate does.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/scenario/internal/schemadoc"
)

func main() {
	docs := flag.String("docs", "", "write the descriptions table, read from the Go source, to this file")
	out := flag.String("schema", "", "write the JSON Schema to this file")
	flag.Parse()
	if err := run(*docs, *out); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(docs, out string) error {
	if (docs == "") == (out == "") || flag.NArg() > 0 {
		return fmt.Errorf("want exactly one of -docs FILE and -schema FILE")
	}
	if docs != "" {
		d, err := schemadoc.Read(".", "../sim")
		if err != nil {
			return err
		}
		src, err := d.Source()
		if err != nil {
			return err
		}
		return schemadoc.WriteFile(docs, src)
	}
	data, err := scenario.JSONSchema()
	if err != nil {
		return err
	}
	return schemadoc.WriteFile(out, data)
}
