// Command calibrate tunes an example's monthly recruitment fill
// probabilities so that, in Monte Carlo mode (the mean over runs), every
// cell's vacancy rate one year on equals its starting vacancy rate.
//
//	go run ./bench/calibrate -example bhr-baseline -runs 1000 -iter 8
//	go run ./bench/calibrate -example bhr-baseline -write examples/bhr-baseline.yaml,examples/bhr-options.yaml
//
// Each fill parameter (shared by the cells that use it) is moved by a
// Newton step on the one-year response of the vacancy rate, dv/df =
// -(mean vacancy rate) x (sum over 12 months of the share of a vacancy
// still open), damped, and clamped to [0.001, 0.95]. With -write, the new
// fills replace the numbers after "monthly_fill:" on the band lines of the
// named files (each must hold the example's workforce entries, band lines
// of the form "5: {headcount: ..., recruitment: {monthly_fill: X}}").
// -runs 0 tunes in expected-value mode. With -pin (and for every cell that
// starts with no vacancy), a cell keeps its fill and its starting vacancy
// rate moves instead to the rate it holds one year on: bands that
// promotion from below keeps filled. It also prints each profession's
// leaver rate over the year (the Monte Carlo mean and its standard
// error) and vacancy rates.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/ahpsim/ahpsim/examples"
	"github.com/ahpsim/ahpsim/scenario"
	"github.com/ahpsim/ahpsim/sim"
	"github.com/ahpsim/ahpsim/workforce"
)

type cellKey struct{ org, prof, band string }

func main() {
	name := flag.String("example", "bhr-baseline", "example to tune")
	runs := flag.Int("runs", 1000, "Monte Carlo runs (0: expected-value mode)")
	iter := flag.Int("iter", 8, "iterations")
	write := flag.String("write", "", "comma-separated YAML files to rewrite with the tuned fills")
	pinList := flag.String("pin", "", "comma-separated prof/band cells whose fill is kept and whose starting vacancy rate is tuned instead (cells starting at 0% always are)")
	flag.Parse()
	pinned := map[string]bool{}
	for _, p := range strings.Split(*pinList, ",") {
		pinned[p] = p != ""
	}

	data, err := examples.Read(*name)
	check(err)
	f, err := scenario.Parse(*name+".yaml", data)
	check(err)
	m, err := f.Compile()
	check(err)
	m.Steps = min(m.Steps, 12/m.StepMonths+1) // one year is all that is measured (a step more keeps new posts in range)
	settings := f.Settings()
	settings.Runs, settings.Deterministic = *runs, *runs == 0

	groups := fillGroups(m)
	pins := map[workforce.ParamID]bool{}
	for id, cells := range groups {
		k := key(m, cells[0])
		pins[id] = len(cells) == 1 && (pinned[k.prof+"/"+k.band] || startVacancy(m, cells[0]) < 1e-9)
		if pins[id] && startVacancy(m, cells[0]) < 1e-9 {
			setStartVacancy(m, cells[0], 0.01)
		}
	}
	for i := 0; i <= *iter; i++ {
		res, err := sim.Run(context.Background(), m, settings)
		check(err)
		worst := 0.0
		for id, cells := range groups {
			v0, v1 := vacancy(res, cells, 0), vacancy(res, cells, 1)
			worst = math.Max(worst, math.Abs(v1-v0))
			if i == *iter || i == 0 {
				fmt.Printf("iter %d %-50s fill %.4f  v0 %5.2f%%  v1 %5.2f%% %s\n", i, label(m, cells), m.Param(id).Mean(), 100*v0, 100*v1, map[bool]string{true: "pinned"}[pins[id]])
			}
			switch {
			case i == *iter:
			case pins[id]:
				// The fill stays; the start moves to where the year ends.
				setStartVacancy(m, cells[0], v1)
			default:
				step(m, id, v0, v1, leaverRate(m, cells))
			}
		}
		fmt.Printf("iter %d: largest |v1 - v0| %.2f points\n", i, 100*worst)
		if i == *iter {
			printProfessions(res)
		}
	}
	if *write != "" {
		fills, vacs := map[cellKey]float64{}, map[cellKey]float64{}
		for id, cells := range groups {
			for _, c := range cells {
				fills[key(m, c)] = round3(m.Param(id).Mean())
				if pins[id] {
					vacs[key(m, c)] = math.Round(1000*startVacancy(m, c)) / 1000
				}
			}
		}
		for _, path := range strings.Split(*write, ",") {
			check(rewrite(path, fills, vacs, m.Layout.Organisations[0].Key))
		}
	}
}

// printProfessions prints each profession's leaver rate in the year
// (mean and its Monte Carlo standard error) and its vacancy rates.
func printProfessions(res *sim.Result) {
	lr, vr := res.MetricIndex("leaver_rate"), res.MetricIndex("vacancy_rate")
	for _, p := range res.Model.Layout.Professions {
		g := res.GroupIndex("all", p.Key, "all")
		l := res.Stats(1, g, lr)
		fmt.Printf("%-32s leaver rate %6.3f%% (MCSE %.3f)  vacancy %6.3f%% -> %6.3f%%\n", p.Key, 100*l.Mean, 100*l.MCSE, 100*res.Stats(0, g, vr).Mean, 100*res.Stats(1, g, vr).Mean)
	}
}

// startVacancy is a cell's starting vacancy rate.
func startVacancy(m *workforce.Model, c int) float64 {
	s := m.Cells[c]
	return 1 - float64(s.Headcount)*s.FTEPerHead/s.Establishment
}

// setStartVacancy sets a cell's starting establishment for vacancy rate v.
func setStartVacancy(m *workforce.Model, c int, v float64) {
	s := &m.Cells[c]
	s.Establishment = float64(s.Headcount) * s.FTEPerHead / (1 - v)
}

// fillGroups maps each fill parameter to the cells with posts that use it.
func fillGroups(m *workforce.Model) map[workforce.ParamID][]int {
	g := map[workforce.ParamID][]int{}
	for i, c := range m.Cells {
		if c.RecruitFill != workforce.NoParam && c.Establishment > 0 {
			g[c.RecruitFill] = append(g[c.RecruitFill], i)
		}
	}
	return g
}

// step moves one fill parameter by a damped Newton step.
func step(m *workforce.Model, id workforce.ParamID, v0, v1, r float64) {
	d := m.Params[id-1]
	f := d.Mean()
	lambda := f + r/12
	open := (1 - math.Pow(1-lambda, 12)) / lambda // months a vacancy stays open, within the year
	slope := math.Max((v0+v1)/2, 0.005) * open
	next := math.Min(0.95, math.Max(0.001, f+0.8*(v1-v0)/slope))
	shift(&m.Params[id-1], next-f)
}

// shift moves a distribution's mean by delta, keeping its shape.
func shift(d *workforce.Dist, delta float64) {
	switch d.Kind {
	case workforce.Fixed, workforce.Uniform, workforce.Triangular:
		d.A += delta
		d.B += delta
		d.C += delta
	default:
		log.Fatalf("cannot shift a %s fill", d.Kind)
	}
}

// vacancy is the group's vacancy rate (total vacancies over total
// establishment, means over runs) at reported date d.
func vacancy(res *sim.Result, cells []int, d int) float64 {
	vac, est := res.MetricIndex("vacancies_fte"), res.MetricIndex("establishment_fte")
	var v, e float64
	for _, c := range cells {
		k := key(res.Model, c)
		g := res.GroupIndex(k.org, k.prof, k.band)
		v += res.Stats(d, g, vac).Mean
		e += res.Stats(d, g, est).Mean
	}
	return v / e
}

// leaverRate is the mean leaver rate of the first cell, for the step size.
func leaverRate(m *workforce.Model, cells []int) float64 {
	if id := m.Cells[cells[0]].LeaverRate; id != workforce.NoParam {
		return m.Param(id).Mean()
	}
	return 0
}

func key(m *workforce.Model, c int) cellKey {
	cell := m.Layout.Cells[c]
	return cellKey{m.Layout.Organisations[cell.Org].Key, m.Layout.Professions[cell.Prof].Key, cell.Band.String()}
}

func label(m *workforce.Model, cells []int) string {
	var s []string
	for _, c := range cells {
		k := key(m, c)
		s = append(s, k.org+"/"+k.prof+"/"+k.band)
	}
	return strings.Join(s, ",")
}

func round3(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 3, 64), 64)
	return v
}

var (
	profLine = regexp.MustCompile(`^\s*- profession: (\w+)`)
	orgLine  = regexp.MustCompile(`^\s+organisation: (\w+)`)
	vacLine  = regexp.MustCompile(`vacancy_rate: [0-9.]+`)
	bandLine = regexp.MustCompile(`^(\s+)(\w+)(: \{headcount: .*monthly_fill: )([0-9.]+)(\}.*)$`)
)

// rewrite replaces the fills on the band lines of a YAML file.
func rewrite(path string, fills, vacs map[cellKey]float64, defaultOrg string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(string(data), "\n")
	var k cellKey
	n := 0
	for i, line := range lines {
		if p := profLine.FindStringSubmatch(line); p != nil {
			k = cellKey{defaultOrg, p[1], ""}
		} else if o := orgLine.FindStringSubmatch(line); o != nil && k.prof != "" {
			k.org = o[1]
		} else if b := bandLine.FindStringSubmatch(line); b != nil && k.prof != "" {
			k.band = b[2]
			if v, ok := fills[k]; ok {
				lines[i] = b[1] + b[2] + b[3] + strconv.FormatFloat(v, 'g', -1, 64) + b[5]
				n++
			}
			if v, ok := vacs[k]; ok {
				lines[i] = vacLine.ReplaceAllString(lines[i], "vacancy_rate: "+strconv.FormatFloat(v, 'f', 3, 64))
			}
		}
	}
	fmt.Printf("%s: %d fills rewritten\n", path, n)
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
