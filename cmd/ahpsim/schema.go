package main

import (
	"fmt"
	"io"

	"github.com/ahpsim/ahpsim/scenario"
)

func init() {
	commandDocs["schema"] = commandDoc{
		usage: "ahpsim schema",
		about: `Schema prints the JSON Schema of the scenario format (draft-07), for editors:
with it, VS Code's YAML extension completes keys, describes each one and
flags misspelt keys, wrong types, unknown bands and out-of-range numbers as
you type. It is the file docs/ahpsim.schema.json of this version; to use it
offline:

  ahpsim schema > ahpsim.schema.json

The README's "Editing scenarios in VS Code" says how to point the editor at
it. validate still has the last word: the schema cannot check that names
match one another or that shares sum to 1.`,
	}
}

func cmdSchema(stdout io.Writer, args []string) error {
	if wantsHelp(args) {
		return errHelp
	}
	if len(args) > 0 {
		return usagef("schema takes no arguments (redirect its output: ahpsim schema > ahpsim.schema.json)")
	}
	data, err := scenario.JSONSchema()
	if err != nil {
		return err
	}
	_, err = stdout.Write(data)
	if err != nil {
		return fmt.Errorf("writing the schema: %w", err)
	}
	return nil
}
