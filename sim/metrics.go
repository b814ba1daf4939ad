package sim

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ahpsim/ahpsim/workforce"
)

// MetricKind says how a metric is measured over time.
type MetricKind uint8

const (
	// Stock is measured at each reported date.
	Stock MetricKind = iota
	// Flow is summed over the reporting interval that ends at the date; it
	// has no value at the start date.
	Flow
)

// Metric is one reported quantity.
type Metric struct {
	Name string
	Kind MetricKind
	// Resolution is the quantum values are rounded to before they are
	// summarised (see package summary): 1 head, 0.0001 FTE, 0.000001 of a
	// rate, 1 penny.
	Resolution float64
	// Unit is for people: "heads", "FTE", "fraction", "GBP".
	Unit string
	calc metricCalc
}

// cellFlow indexes the per-cell flow counters of one reporting interval.
type cellFlow int

const (
	fLeavers cellFlow = iota
	fRetirements
	fJoinersExternal
	fJoinersGraduate
	fJoinersInternational
	fJoinersReturn
	fPromotionsIn
	fMovesIn
	fMovesOut
	fGraduatesLost
	fApprenticesStarted
	fApprenticesQualified
	// Moves to a cell of another organisation, by whether the target has
	// the same profession and band (see orgMoveKinds).
	fOrgMoveSame
	fOrgMoveBand // same profession, another band
	fOrgMoveProf // another profession, same band
	fOrgMoveBoth // another profession and band
	fCostFirst   // then one per cost category
	numCellFlows = fCostFirst + cellFlow(numCosts)
)

// costKind is a cost category.
type costKind int

const (
	costPay costKind = iota
	costAgency
	costTraining
	costRecruitment
	costInterventions
	numCosts
)

var costNames = [numCosts]string{"pay", "agency", "training", "recruitment", "interventions"}

// metricCalc says how a metric's value for a group is computed from the
// group's sums (see groupSums).
type metricCalc struct {
	op   calcOp
	a, b sumIndex // the sums the op reads
	dest int      // calcDest: the leaver destination
}

type calcOp uint8

const (
	calcValue               calcOp = iota // v[a]
	calcRatio                             // v[a] / v[b], undefined when v[b] == 0
	calcLeavers                           // leavers of the group (see groupLeavers)
	calcOrgLeavers                        // of which moved to another organisation
	calcLeaveRate                         // the group's leavers / mean(headcount at previous date, now)
	calcDest                              // leavers to destination dest
	calcJoiners                           // joiners from every source outside the system
	calcCostTotal                         // the cost of every category in the interval
	calcCostCumulativeTotal               // the cost of every category since the start
)

// sumIndex indexes the per-cell and per-group sums every metric is
// computed from.
type sumIndex int

const (
	sHC sumIndex = iota
	sFTE
	sEst
	sVac
	sEffective
	sEffGap
	sAgency
	sApprentices
	sStudents
	sIntlPipeline
	sReturnPipeline
	sVacancyYears
	sMoneyFirst                                        // then one per money metric (money.go)
	sCumCostFirst = sMoneyFirst + numMoneyMetrics      // then one per cost category
	sFlowFirst    = sCumCostFirst + sumIndex(numCosts) // then one per cellFlow
	numSums       = int(sFlowFirst) + int(numCellFlows)
)

// flowSum is the sum holding cell flow f.
func flowSum(f cellFlow) sumIndex { return sFlowFirst + sumIndex(f) }

// cumCostSum is the sum holding the cumulative cost of category k.
func cumCostSum(k costKind) sumIndex { return sCumCostFirst + sumIndex(k) }

// metrics returns the metric list for models compared together: the core
// metrics always, and those of each mechanism any of them uses, so that
// every option reports the same metrics. In expected-value mode counts are
// fractional, so their resolution is finer.
func metrics(models []*workforce.Model, deterministic bool) []Metric {
	uses := func(f func(*workforce.Model) bool) bool { return slices.ContainsFunc(models, f) }
	m := models[0]
	heads := 1.0
	if deterministic {
		heads = 1e-6
	}
	stock := func(name MetricName, res float64, unit string, c metricCalc) Metric {
		return Metric{string(name), Stock, res, unit, c}
	}
	flow := func(name MetricName, f cellFlow) Metric {
		return Metric{string(name), Flow, heads, "heads", metricCalc{op: calcValue, a: flowSum(f)}}
	}
	val := func(i sumIndex) metricCalc { return metricCalc{op: calcValue, a: i} }
	list := []Metric{
		stock(InPostHC, heads, "heads", val(sHC)),
		stock(InPostFTE, 1e-4, "FTE", val(sFTE)),
		stock(EstablishmentFTE, 1e-4, "FTE", val(sEst)),
		stock(VacanciesFTE, 1e-4, "FTE", val(sVac)),
		stock(VacancyRate, 1e-6, "fraction", metricCalc{op: calcRatio, a: sVac, b: sEst}),
		stock(VacancyFTEYears, 1e-4, "FTE-years", val(sVacancyYears)),
		{string(Leavers), Flow, heads, "heads", metricCalc{op: calcLeavers}},
		{string(LeaverRate), Flow, 1e-6, "fraction", metricCalc{op: calcLeaveRate}},
		{string(Joiners), Flow, heads, "heads", metricCalc{op: calcJoiners}},
		flow(JoinersExternal, fJoinersExternal),
		flow(JoinersGraduate, fJoinersGraduate),
		flow(Promotions, fPromotionsIn),
		flow(MovesIn, fMovesIn),
		flow(MovesOut, fMovesOut),
		flow(GraduatesLost, fGraduatesLost),
	}
	if uses(func(m *workforce.Model) bool { return m.Layout != nil && len(m.Layout.Organisations) > 1 }) {
		list = append(list, Metric{string(LeaversToOtherOrganisations), Flow, heads, "heads", metricCalc{op: calcOrgLeavers}})
	}
	for d, name := range m.Destinations {
		list = append(list, Metric{string(LeaversTo(name)), Flow, heads, "heads", metricCalc{op: calcDest, dest: d}})
	}
	if uses(func(m *workforce.Model) bool { return len(m.AgeGroups) > 0 }) {
		list = append(list, flow(Retirements, fRetirements))
	}
	if uses(func(m *workforce.Model) bool { return len(m.International) > 0 }) {
		list = append(list, flow(JoinersInternational, fJoinersInternational),
			stock(InternationalInPipeline, heads, "heads", val(sIntlPipeline)))
	}
	if uses(func(m *workforce.Model) bool { return len(m.Returners) > 0 }) {
		list = append(list, flow(JoinersReturn, fJoinersReturn),
			stock(ReturnersInPipeline, heads, "heads", val(sReturnPipeline)))
	}
	if uses(func(m *workforce.Model) bool { return len(m.Apprenticeships) > 0 }) {
		list = append(list, flow(ApprenticesStarted, fApprenticesStarted),
			flow(ApprenticesQualified, fApprenticesQualified),
			stock(ApprenticesInTraining, heads, "heads", val(sApprentices)))
	}
	if uses(func(m *workforce.Model) bool { return len(m.Students) > 0 }) {
		list = append(list, stock(StudentsInTraining, heads, "heads", val(sStudents)))
	}
	if uses(usesEffectiveCapacity) {
		list = append(list,
			stock(EffectiveFTE, 1e-4, "FTE", val(sEffective)),
			stock(EffectiveGapFTE, 1e-4, "FTE", val(sEffGap)),
			stock(EffectiveGapRate, 1e-6, "fraction", metricCalc{op: calcRatio, a: sEffGap, b: sEst}),
			stock(AgencyFTE, 1e-4, "FTE", val(sAgency)))
	}
	if uses(usesCosts) {
		for k, name := range costNames {
			list = append(list, Metric{"cost_" + name, Flow, 0.01, "GBP", metricCalc{op: calcValue, a: flowSum(fCostFirst + cellFlow(k))}})
		}
		list = append(list, Metric{string(CostTotal), Flow, 0.01, "GBP", metricCalc{op: calcCostTotal}})
		for k, name := range costNames {
			list = append(list, stock(MetricName("cost_cumulative_"+name), 0.01, "GBP", val(cumCostSum(costKind(k)))))
		}
		list = append(list, stock(CostCumulativeTotal, 0.01, "GBP", metricCalc{op: calcCostCumulativeTotal}))
		for k, name := range moneyMetricNames {
			list = append(list, stock(name, 0.01, "GBP", val(sMoneyFirst+sumIndex(k))))
		}
	}
	return list
}

// usesEffectiveCapacity reports whether anything makes effective FTE differ
// from staff in post FTE.
func usesEffectiveCapacity(m *workforce.Model) bool {
	for _, c := range m.Cells {
		if c.Sickness != workforce.NoParam || c.RampUpMonths > 0 || c.AgencyShare != workforce.NoParam {
			return true
		}
	}
	if len(m.Portability) > 0 {
		return true
	}
	for _, iv := range m.Interventions {
		if iv.Lever == workforce.LeverSickness || iv.Lever == workforce.LeverAgencyShare {
			return true
		}
	}
	return false
}

// usesCosts reports whether the model has any cost.
func usesCosts(m *workforce.Model) bool {
	c := m.Costs
	if c.AgencyPerHour > 0 || c.StudentPerYear > 0 || c.ApprenticePerYear > 0 {
		return true
	}
	positive := func(v float64) bool { return v > 0 }
	if slices.ContainsFunc(c.PayPerFTE[:], positive) || slices.ContainsFunc(c.RecruitPerHead[:], positive) {
		return true
	}
	for _, iv := range m.Interventions {
		if iv.OneOffCost != workforce.NoParam || iv.AnnualCost != workforce.NoParam {
			return true
		}
	}
	return false
}

// All marks "all organisations", "all professions" or "all bands" in a Group.
const All = -1

// Group is a set of cells reported together: one organisation or all, one
// profession or all, one band or all.
type Group struct {
	Org, Prof int // index into the layout, or All
	Band      int // band as an int, or All
	Cells     []int
	// Slot is where the group's values are kept. Groups with the same cells
	// (with one organisation, "all organisations" is that organisation)
	// share a slot, so they are summarised once.
	Slot int
}

// Key returns the group's organisation, profession and band as written in
// output files, with "all" for totals.
func (g Group) Key(l *workforce.Layout) (org, prof, band string) {
	org, prof, band = "all", "all", "all"
	if g.Org != All {
		org = l.Organisations[g.Org].Key
	}
	if g.Prof != All {
		prof = l.Professions[g.Prof].Key
	}
	if g.Band != All {
		band = workforce.Band(g.Band).String()
	}
	return org, prof, band
}

// groups lists every reported group in a fixed order: totals first, then by
// organisation, profession and band in layout order. Only groups holding at
// least one cell are listed. It also returns the number of slots: groups
// with the same cells share one.
func groups(l *workforce.Layout) ([]Group, int) {
	var out []Group
	slots := map[string]int{}
	for o := All; o < len(l.Organisations); o++ {
		for p := All; p < len(l.Professions); p++ {
			for b := All; b < workforce.NumBands; b++ {
				g := Group{Org: o, Prof: p, Band: b}
				for i, c := range l.Cells {
					if (o == All || c.Org == o) && (p == All || c.Prof == p) && (b == All || int(c.Band) == b) {
						g.Cells = append(g.Cells, i)
					}
				}
				if len(g.Cells) == 0 {
					continue
				}
				key := fmt.Sprint(g.Cells)
				slot, ok := slots[key]
				if !ok {
					slot = len(slots)
					slots[key] = slot
				}
				g.Slot = slot
				out = append(out, g)
			}
		}
	}
	return out, len(slots)
}

// Kind is the kind of the group: which of organisation, profession and
// band it names.
func (g Group) Kind() GroupKind {
	var k GroupKind
	if g.Org != All {
		k |= GroupOrganisations
	}
	if g.Prof != All {
		k |= GroupProfessions
	}
	if g.Band != All {
		k |= GroupBands
	}
	return k
}

// ComparisonMetrics are the metrics a comparison's paired and
// below-target statistics read; a comparison summarises those of its
// models whatever Selection.Metrics says.
var ComparisonMetrics = []MetricName{VacancyRate, VacanciesFTE, VacancyFTEYears, CostCumulativeTotal}

// reportPlan is what a selection keeps, and what the engine must compute
// for it.
type reportPlan struct {
	metrics []Metric
	groups  []Group // selected, with Slot numbered over the selected slots
	slots   int
	reps    []Group // per selected slot, the group its values are computed as
	// oneCell is, per selected slot, the cell of a group of one cell, or
	// -1; several lists the other slots. Most groups have one cell, which
	// record reads without a loop over cells.
	oneCell, several []int
	// dateAt maps a reported date (index into reportSteps) to its index
	// among the selected dates, or -1; dates lists the selected ones.
	dateAt, dates []int
	need          []sumIndex // the group sums the metrics read
	effective     bool       // the metrics read effective capacity or agency
	prevHC        bool       // a metric reads the previous date's headcount
}

// selectMetrics returns the metrics of list that sel names, in list
// order, with those a comparison needs when compare is set.
func selectMetrics(list []Metric, sel Selection, compare bool) ([]Metric, error) {
	if sel.Metrics == nil {
		return list, nil
	}
	if len(sel.Metrics) == 0 {
		return nil, errors.New("sim: report metrics is an empty list (want at least one metric; nil selects every metric)")
	}
	keep := map[string]bool{}
	for _, name := range sel.Metrics {
		if !slices.ContainsFunc(list, func(m Metric) bool { return m.Name == name }) {
			names := make([]string, len(list))
			for i, m := range list {
				names[i] = m.Name
			}
			return nil, fmt.Errorf("sim: report metric %q is not reported for these models (want one of %s)", name, strings.Join(names, ", "))
		}
		keep[name] = true
	}
	if compare {
		for _, name := range ComparisonMetrics {
			keep[string(name)] = true
		}
	}
	return slices.DeleteFunc(slices.Clone(list), func(m Metric) bool { return !keep[m.Name] }), nil
}

// newReportPlan lays out what sel keeps of model m's series, given the
// (already selected) metrics.
func newReportPlan(m *workforce.Model, sel Selection, list []Metric) (reportPlan, error) {
	p := reportPlan{metrics: list}
	if sel.Groups != nil && len(sel.Groups) == 0 {
		return p, errors.New("sim: report groups is an empty list (want at least one group kind; nil selects every kind)")
	}
	for _, k := range sel.Groups {
		if int(k) >= numGroupKinds {
			return p, fmt.Errorf("sim: report group kind %v (want one of %s)", k, strings.Join(GroupKindNames(), ", "))
		}
	}
	if err := p.selectDates(m, sel.EveryMonths); err != nil {
		return p, err
	}
	all, fullSlots := groups(m.Layout)
	// The group whose values a slot has in the whole output: the last
	// listed with those cells, as the engine always took.
	fullRep := make([]Group, fullSlots)
	for _, g := range all {
		fullRep[g.Slot] = g
	}
	slotOf := make([]int, fullSlots)
	for i := range slotOf {
		slotOf[i] = -1
	}
	for _, g := range all {
		if sel.Groups != nil && !slices.Contains(sel.Groups, g.Kind()) {
			continue
		}
		if slotOf[g.Slot] < 0 {
			slotOf[g.Slot] = p.slots
			p.reps = append(p.reps, fullRep[g.Slot])
			p.oneCell = append(p.oneCell, -1)
			if cells := fullRep[g.Slot].Cells; len(cells) == 1 {
				p.oneCell[p.slots] = cells[0]
			} else {
				p.several = append(p.several, p.slots)
			}
			p.slots++
		}
		full := g.Slot
		g.Slot = slotOf[full]
		p.groups = append(p.groups, g)
	}
	p.needSums()
	return p, nil
}

// selectDates keeps the reported dates every `every` months from the
// start, and the last.
func (p *reportPlan) selectDates(m *workforce.Model, every int) error {
	interval := m.ReportEvery * m.StepMonths
	if every < 0 || every%interval != 0 {
		return fmt.Errorf("sim: report every %d months (want 0 for every reported date, or a multiple of the reporting interval, %d months)", every, interval)
	}
	steps := reportSteps(m)
	for d, st := range steps {
		keep := every == 0 || st*m.StepMonths%every == 0 || d == len(steps)-1
		p.dateAt = append(p.dateAt, -1)
		if keep {
			p.dateAt[d] = len(p.dates)
			p.dates = append(p.dates, d)
		}
	}
	return nil
}

// needSums lists the group sums the plan's metrics read.
func (p *reportPlan) needSums() {
	seen := make([]bool, numSums)
	add := func(ix ...sumIndex) {
		for _, i := range ix {
			seen[i] = true
		}
	}
	orgMoves := []sumIndex{flowSum(fOrgMoveSame), flowSum(fOrgMoveBand), flowSum(fOrgMoveProf), flowSum(fOrgMoveBoth)}
	for _, met := range p.metrics {
		c := met.calc
		switch c.op {
		case calcValue:
			add(c.a)
		case calcRatio:
			add(c.a, c.b)
		case calcLeavers, calcLeaveRate:
			add(flowSum(fLeavers))
			add(orgMoves...)
		case calcOrgLeavers:
			add(orgMoves...)
		case calcJoiners:
			add(flowSum(fJoinersExternal), flowSum(fJoinersGraduate), flowSum(fJoinersInternational), flowSum(fJoinersReturn))
		case calcCostTotal:
			for k := range numCosts {
				add(flowSum(fCostFirst + cellFlow(k)))
			}
		case calcCostCumulativeTotal:
			for k := range numCosts {
				add(cumCostSum(k))
			}
		}
		if c.op == calcLeaveRate {
			add(sHC)
			p.prevHC = true
		}
	}
	for i, ok := range seen {
		if ok {
			p.need = append(p.need, sumIndex(i))
		}
	}
	p.effective = seen[sEffective] || seen[sEffGap] || seen[sAgency]
}

// MetricNames lists the names of the metrics reported for models compared
// together, in output order: the names Selection.Metrics may give.
func MetricNames(models []*workforce.Model) []string {
	list := metrics(models, false)
	names := make([]string, len(list))
	for i, m := range list {
		names[i] = m.Name
	}
	return names
}
