package sim

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/ahpsim/ahpsim/sim/summary"
)

// partialMagic starts an encoded partial result; the digit is the format
// version. Version 2 added the origin and the run indices.
const (
	partialPrefix  = "AHPSIM-PARTIAL-"
	partialVersion = "2"
	partialMagic   = partialPrefix + partialVersion + "\n"
)

// maxCommand is the longest Origin.Command a partial result can carry.
const maxCommand = 16

// partialHeader is what a partial result says about how it was made, so
// that MergeBinary can refuse to combine parts of different jobs, a part
// given twice, or a part whose runs are not the ones its shard must hold.
// It follows partialMagic, little-endian, then Tables length-prefixed
// summary tables.
type partialHeader struct {
	Seed          uint64
	Runs          int64 // of the whole job
	Shard, Shards int64
	// The runs held are First, First+Stride, ..., Count of them (First =
	// Shard, Stride = Shards); Held is how many every table summarises.
	First, Stride, Count, Held int64
	Deterministic, Target      int64 // 1 if set (Target: if HasTarget)
	TargetBits                 uint64
	ScenarioSHA256             [32]byte
	Command                    [maxCommand]byte // NUL-padded
	Tables                     int64
}

// PartialInfo is what an encoded partial result says about itself (see
// ReadPartialInfo).
type PartialInfo struct {
	Origin        Origin
	Seed          uint64
	Runs          int // runs of the whole job
	Shard, Shards int
	// The part holds runs First, First+Stride, ... (Count of them); Held is
	// the number of runs its summaries actually hold, always Count.
	First, Stride, Count, Held int
	Deterministic              bool
	Target                     float64
	HasTarget                  bool
	// Report is the selection of series the part summarises
	// (Settings.Report); a merge must use the same.
	Report Selection
}

// MarshalBinary encodes the comparison's summaries: with Settings.Shards >
// 1, a partial result that MergeBinary combines with the other shards'.
// The encoding records Settings.Origin, the seed, the runs, the shard and
// the run indices it holds, so that MergeBinary can check them.
func (c *Comparison) MarshalBinary() ([]byte, error) {
	if err := checkCommand([]byte(c.Settings.Origin.Command)); err != nil {
		return nil, fmt.Errorf("sim: origin: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString(partialMagic)
	tables := c.tables()
	h := c.header(len(tables))
	h.Held = c.Options[0].Table.Runs()
	if err := binary.Write(&buf, binary.LittleEndian, h); err != nil {
		return nil, err
	}
	for _, t := range tables {
		data, err := t.MarshalBinary()
		if err != nil {
			return nil, err
		}
		binary.Write(&buf, binary.LittleEndian, int64(len(data)))
		buf.Write(data)
	}
	buf.WriteString(c.selectionTrailer())
	return buf.Bytes(), nil
}

// selectionTrailer ends a partial result of a selection (Settings.Report)
// other than everything, so that parts of different selections never
// merge; for everything it is empty, so such parts are as before
// selections existed.
// The trailer ends with a newline, so that a file cut short within it
// reads as truncated rather than as another selection.
func (c *Comparison) selectionTrailer() string {
	if sel := c.Settings.Report.String(); sel != "" {
		return selectionPrefix + sel + "\n"
	}
	return ""
}

const selectionPrefix = "SELECTION "

var errTruncated = errors.New("partial result is truncated")

// checkTrailer refuses a selection trailer cut short (see selectionTrailer).
func checkTrailer(trailer []byte) error {
	if len(trailer) > 0 && !bytes.HasSuffix(trailer, []byte("\n")) {
		return errTruncated
	}
	return nil
}

// header is the partial header c would write, but for Held.
func (c *Comparison) header(tables int) partialHeader {
	s := c.Settings
	h := partialHeader{Seed: s.Seed, Runs: int64(s.Runs), Shard: int64(s.Shard), Shards: int64(s.Shards),
		First: int64(s.Shard), Stride: int64(s.Shards), Count: int64(s.shardRuns()),
		ScenarioSHA256: s.Origin.ScenarioSHA256, Tables: int64(tables)}
	copy(h.Command[:], s.Origin.Command)
	if s.Deterministic {
		h.Deterministic = 1
	}
	if c.Compare.HasTarget {
		h.Target, h.TargetBits = 1, math.Float64bits(c.Compare.Target)
	}
	return h
}

// ReadPartialInfo reads what an encoded partial result says about itself,
// and checks that it is consistent: a shard in range, holding exactly the
// runs of that shard.
func ReadPartialInfo(data []byte) (PartialInfo, error) {
	h, rest, err := readPartial(data)
	if err != nil {
		return PartialInfo{}, err
	}
	info := h.info()
	trailer, err := skipTables(rest, h.Tables)
	if err != nil {
		return PartialInfo{}, err
	}
	if err := checkTrailer(trailer); err != nil {
		return PartialInfo{}, err
	}
	if len(trailer) > 0 {
		sel, ok := bytes.CutPrefix(trailer[:len(trailer)-1], []byte(selectionPrefix))
		if info.Report, err = parseSelection(string(sel)); !ok || err != nil {
			return PartialInfo{}, fmt.Errorf("partial result's selection %s: %v", describeSelection(trailer), err)
		}
	}
	return info, nil
}

// skipTables returns what follows n length-prefixed tables.
func skipTables(rest []byte, n int64) ([]byte, error) {
	for range n {
		if len(rest) < 8 {
			return nil, errors.New("partial result is truncated")
		}
		size := binary.LittleEndian.Uint64(rest)
		if size > uint64(len(rest)-8) {
			return nil, errors.New("partial result is truncated")
		}
		rest = rest[8+size:]
	}
	return rest, nil
}

func (h partialHeader) info() PartialInfo {
	return PartialInfo{
		Origin: Origin{Command: string(bytes.TrimRight(h.Command[:], "\x00")), ScenarioSHA256: h.ScenarioSHA256},
		Seed:   h.Seed, Runs: int(h.Runs), Shard: int(h.Shard), Shards: int(h.Shards),
		First: int(h.First), Stride: int(h.Stride), Count: int(h.Count), Held: int(h.Held),
		Deterministic: h.Deterministic == 1, Target: math.Float64frombits(h.TargetBits), HasTarget: h.Target == 1,
	}
}

func readPartial(data []byte) (partialHeader, []byte, error) {
	var h partialHeader
	rest, ok := bytes.CutPrefix(data, []byte(partialMagic))
	if !ok {
		if v, ok := bytes.CutPrefix(data, []byte(partialPrefix)); ok {
			version, _, _ := bytes.Cut(v, []byte("\n"))
			return h, nil, fmt.Errorf("partial result is of format %.8q (this build reads %s); merge with the version that wrote it", version, partialVersion)
		}
		return h, nil, errors.New("not an ahpsim partial result")
	}
	r := bytes.NewReader(rest)
	if err := binary.Read(r, binary.LittleEndian, &h); err != nil {
		return h, nil, fmt.Errorf("partial result header: %w", err)
	}
	if err := h.check(); err != nil {
		return h, nil, fmt.Errorf("partial result header: %w", err)
	}
	return h, rest[len(rest)-r.Len():], nil
}

// check makes sure a header describes a possible shard: in range, holding
// exactly the runs i with i mod Shards = Shard, and a readable command.
func (h partialHeader) check() error {
	s := Settings{Runs: int(h.Runs), Shard: int(h.Shard), Shards: int(h.Shards)}
	command, _, _ := bytes.Cut(h.Command[:], []byte{0})
	switch {
	case h.Runs < 1 || h.Runs > MaxRuns:
		return fmt.Errorf("runs is %d, want 1 to %d", h.Runs, MaxRuns)
	case h.Shards < 1 || h.Shards > MaxRuns:
		return fmt.Errorf("shard count is %d, want 1 to %d", h.Shards, MaxRuns)
	case h.Shard < 0 || h.Shard >= h.Shards:
		return fmt.Errorf("shard is %d of %d, want 0 to %d", h.Shard, h.Shards, h.Shards-1)
	case h.First != h.Shard || h.Stride != h.Shards || h.Count != int64(s.shardRuns()):
		return fmt.Errorf("runs held are %d from %d every %d, want %d from %d every %d (shard %d of %d of %d runs)",
			h.Count, h.First, h.Stride, s.shardRuns(), h.Shard, h.Shards, h.Shard, h.Shards, h.Runs)
	case h.Held != h.Count:
		return fmt.Errorf("summaries hold %d runs, want %d", h.Held, h.Count)
	case h.Deterministic>>1 != 0 || h.Target>>1 != 0:
		return errors.New("mode or target flag is not 0 or 1")
	case !isZero(h.Command[len(command):]):
		return fmt.Errorf("command %q is not NUL-padded", h.Command[:])
	case h.Tables < 0 || h.Tables > 1<<20:
		return fmt.Errorf("%d tables", h.Tables)
	}
	return checkCommand(command)
}

// checkCommand refuses a command name a partial result cannot carry.
func checkCommand(command []byte) error {
	if len(command) > maxCommand || !utf8.Valid(command) || bytes.ContainsFunc(command, func(r rune) bool { return r == 0 || unicode.IsControl(r) }) {
		return fmt.Errorf("command %q: want at most %d printable bytes", command, maxCommand)
	}
	return nil
}

// firstResolutionMismatch returns the first series whose resolution
// differs between a and b (of the same length), or -1. Checking before
// merging keeps a refused part from changing any table.
func firstResolutionMismatch(a, b *summary.Table) int {
	for j := range a.Len() {
		if math.Float64bits(a.Resolution(j)) != math.Float64bits(b.Resolution(j)) {
			return j
		}
	}
	return -1
}

func isZero(b []byte) bool { return !bytes.ContainsFunc(b, func(r rune) bool { return r != 0 }) }

// MergeBinary adds a partial result (MarshalBinary of one shard of the
// same job) into c, which NewComparison made with the job's Settings
// (Shard and Shards unset). It refuses, with an error naming the field, a
// part of a different job (other origin, seed, runs, mode, target or
// options), a part whose shard count differs from the parts merged
// before, a shard merged before, and a part whose summaries do not hold
// exactly its shard's runs, and a part of another selection
// (Settings.Report). On error c is unchanged.
func (c *Comparison) MergeBinary(data []byte) error {
	h, rest, err := readPartial(data)
	if err != nil {
		return err
	}
	tables := c.tables()
	if err := c.checkHeader(h, len(tables)); err != nil {
		return err
	}
	parts, trailer, err := readTables(rest, len(tables))
	if err != nil {
		return err
	}
	// The selection first: another selection has other table shapes.
	if err := checkTrailer(trailer); err != nil {
		return err
	}
	if want := c.selectionTrailer(); string(trailer) != want {
		return fmt.Errorf("partial result summarises the selection %s, want %s", describeSelection(trailer), describeSelection([]byte(want)))
	}
	if err := checkShapes(parts, tables, h.Held); err != nil {
		return err
	}
	for i, t := range tables {
		if err := t.Merge(parts[i]); err != nil {
			return fmt.Errorf("partial result table %d: %w", i, err)
		}
	}
	if c.merged == nil {
		c.merged = make(map[int64]bool)
	}
	c.merged[h.Shard] = true
	c.mergedShards = h.Shards
	return nil
}

// checkHeader compares a partial header with the job c is the merge of.
func (c *Comparison) checkHeader(h partialHeader, tables int) error {
	want := c.header(tables)
	got, wantInfo := h.info(), want.info()
	switch {
	case got.Origin.Command != wantInfo.Origin.Command:
		return fmt.Errorf("partial result is of command %q, want %q", got.Origin.Command, wantInfo.Origin.Command)
	case h.ScenarioSHA256 != want.ScenarioSHA256:
		return fmt.Errorf("partial result was simulated from scenario SHA-256 %x, want %x", h.ScenarioSHA256, want.ScenarioSHA256)
	case h.Seed != want.Seed || h.Runs != want.Runs:
		return fmt.Errorf("partial result is of seed %d with %d runs, want seed %d with %d runs", h.Seed, h.Runs, want.Seed, want.Runs)
	case h.Deterministic != want.Deterministic || h.Target != want.Target || h.TargetBits != want.TargetBits:
		return errors.New("partial result was run with another mode or target")
	case h.Tables != want.Tables:
		return fmt.Errorf("partial result has %d tables, want %d (another scenario or options?)", h.Tables, want.Tables)
	case c.mergedShards != 0 && h.Shards != c.mergedShards:
		return fmt.Errorf("partial result is shard %d of %d, but the parts merged before are of %d shards", h.Shard, h.Shards, c.mergedShards)
	case c.merged[h.Shard]:
		return fmt.Errorf("partial result is shard %d of %d, which was merged before", h.Shard, h.Shards)
	}
	return nil
}

// describeSelection words a selection trailer for an error.
func describeSelection(trailer []byte) string {
	if len(trailer) == 0 {
		return "of every series"
	}
	sel, ok := bytes.CutPrefix(bytes.TrimSuffix(trailer, []byte("\n")), []byte(selectionPrefix))
	if ok && utf8.Valid(sel) && len(sel) <= 2000 {
		return fmt.Sprintf("%q", sel)
	}
	return "(unreadable trailing bytes)"
}

// readTables decodes the n summary tables of a partial result and returns
// them and the bytes after them (the selection trailer).
func readTables(rest []byte, n int) ([]*summary.Table, []byte, error) {
	r := bytes.NewReader(rest)
	parts := make([]*summary.Table, n)
	for i := range parts {
		var n int64
		if err := binary.Read(r, binary.LittleEndian, &n); err != nil || n < 0 || n > int64(r.Len()) {
			return nil, nil, errors.New("partial result is truncated")
		}
		body := make([]byte, n)
		io.ReadFull(r, body)
		parts[i] = &summary.Table{}
		if err := parts[i].UnmarshalBinary(body); err != nil {
			return nil, nil, fmt.Errorf("partial result table %d: %w", i, err)
		}
	}
	return parts, rest[len(rest)-r.Len():], nil
}

// checkShapes checks that decoded tables are shaped like want and each
// hold held runs.
func checkShapes(parts, want []*summary.Table, held int64) error {
	for i, t := range want {
		if parts[i].Len() != t.Len() {
			return fmt.Errorf("partial result table %d has %d series, want %d (another scenario or options?)", i, parts[i].Len(), t.Len())
		}
		if j := firstResolutionMismatch(parts[i], t); j >= 0 {
			return fmt.Errorf("partial result table %d series %d has resolution %v, want %v (another scenario or options?)", i, j, parts[i].Resolution(j), t.Resolution(j))
		}
		if parts[i].Len() > 0 && parts[i].Runs() != held {
			return fmt.Errorf("partial result table %d holds %d runs, but its header says %d", i, parts[i].Runs(), held)
		}
	}
	return nil
}
