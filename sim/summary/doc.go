// Package summary computes streaming, exactly mergeable summary statistics
// (count, mean, standard deviation, Monte Carlo standard error and the 5th,
// 25th, 50th, 75th and 95th percentiles) for many series of Monte Carlo
// output, one value per series per run.
//
// A Table holds one summary per series. Memory does not grow with the number
// of runs: each series keeps a fixed header (about 110 bytes), a histogram
// of at most MaxBins non-empty bins stored in at most MaxBins 64-bit words
// (2 KiB), and the quantized values of at most 64 runs not yet added (512
// bytes). AddRun only quantizes and validates the values of a run (a
// division and an exact rounding each) and stages them; every 64 runs, and
// before anything reads the table, the staged runs are added series by
// series (flush): integer additions, and histogram increments — an indexed
// increment while the bins span fewer than 2*MaxBins indices (dense
// layout), otherwise, in the usual case, one probe of an open-addressing
// hash table (hashed layout). Equal consecutive values of a series, which
// are common, are added at once. Adding 64 values of a series together
// fetches its header and histogram from memory once instead of 64 times,
// which is what matters when the tables exceed the CPU caches, as they do
// for a simulation's tens of thousands of series. Staging and layouts are
// implementation details that never affect results (the state after a
// flush depends only on the multiset of values added). Nothing is allocated
// once the histograms have stabilised.
//
// Several goroutines can also fill one Table, each through its own Stager
// (NewStager): a Stager stages runs as AddRun does and adds them to the
// table under its lock, stageRuns at a time. The histograms are then
// filled once rather than once per goroutine, and nothing is merged.
//
// # Exact mergeability
//
// Runs can be split over workers (one Table each) and machines (shards,
// saved with MarshalBinary), then combined with Merge. The merged Table is
// bit-for-bit the same — same Stats, same MarshalBinary bytes — whatever the
// split and whatever the order of the Adds and Merges. This holds because
// the state of a series is a function of the multiset of its values only:
//
//   - Quantization. Each value v of series i is replaced by the integer
//     q = round(v / resolution[i]) (math.Round: halves away from zero), so
//     e.g. 1 for headcounts, 1e-4 for FTE, 1e-6 for rates, 0.01 for money.
//     All statistics are computed from these integers.
//   - Integer sums. The count n, the sum S1 = Σq (128-bit) and the sum of
//     squares S2 = Σq² (192-bit) are exact integer sums, hence independent
//     of the order of addition. Limits (|q| <= MaxQuantized = 2^61,
//     n <= MaxCount = 2^32-1) rule out overflow.
//   - Mean and SD are computed once, at output time, from (n, S1, S2) with
//     math/big: mean = S1·res/n and var = (n·S2 − S1²)·res²/(n(n−1)), each
//     rounded once to float64, SD = sqrt(var). They are therefore exact up
//     to that final rounding, never approximate because of binning.
//   - Histogram. Values are counted in bins k = floor(q / 2^shift). Let
//     D_s(M) be the number of distinct bins of the multiset M at shift s and
//     W_s(M) the distance between its highest and lowest bin. A shift s fits
//     M when D_s(M) <= MaxBins and W_s(M) <= MaxSpan (the second condition
//     exists only because bins are stored as 32-bit offsets; it matters only
//     for data more than 2^32 quanta apart). The kept shift is
//     s*(M) = the smallest s that fits M, and the kept bins are the exact
//     counts of M at that shift. (How the bins are laid out in memory,
//     dense or hashed, is not part of this state and never affects
//     results.)
//
// Proof that Add and Merge maintain exactly that state, whatever the order:
// (a) floor(floor(q/2^s)/2) = floor(q/2^(s+1)), so going from shift s to s+1
// maps bins onto bins, summing counts exactly; hence D and W are
// non-increasing in s, and "s fits M" stays true for all larger s. (b) D and
// W can only grow when values are added, so if s fits M ∪ N it fits M, and
// s*(M) <= s*(M ∪ N). Induction: suppose a series holds s*(M) and the exact
// counts of M. Add(x) counts x at the current shift and then, while the
// shift does not fit, increments it, merging bins. By (b) no s < s*(M) fits
// M ∪ {x}, and by (a) the loop stops at the first fitting shift, so it ends
// at s*(M ∪ {x}) with the exact counts. (Adding c copies of x at once, as
// a flush does for equal consecutive values, is the same step: D and W do
// not depend on multiplicities.) Merge of M and N starts from
// max(s*(M), s*(N)), at which both histograms are brought exactly by (a);
// by (b) no smaller shift fits M ∪ N, so the same loop ends at s*(M ∪ N).
// The empty series has shift 0 = s*(∅). The encoding of the state (sorted
// bins, fixed field order) is canonical, so equal multisets give equal bytes.
// TestOrderIndependence and TestCanonicalShift check this.
//
// # Percentiles
//
// Percentiles follow Excel PERCENTILE.INC, which is also numpy's default
// "linear" method: for the sorted values x[0..n-1] and h = (n-1)·p,
//
//	P(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])
//
// (PercentileInc). While the shift is 0 the histogram holds the exact
// quantized values and the percentiles are exact to the resolution (the
// same float64 arithmetic as PercentileInc on the quantized values). Once
// the shift s is positive, every value of bin k is represented by the bin's
// midpoint (k·2^s + (2^s−1)/2)·resolution; sorting is preserved by binning,
// so each order statistic moves by at most (2^s−1)/2·resolution and so does
// their interpolation: percentiles are then approximate to within
// (2^s−1)/2·resolution (< 2^s·resolution) of the exact percentile of the
// quantized values, while N, Mean, SD and MCSE remain exact. For
// continuous data the coarsening settles at bins of about range/256 to
// range/128, typically well inside the Monte Carlo error of the percentile
// for thousands of runs.
//
// # Undefined values
//
// NaN means "undefined" (for instance a vacancy rate with zero
// establishment). Such values are counted in Stats.Undefined and excluded
// from every other statistic; a series without defined values has
// Stats.Defined() == false and NaN statistics. ±Inf and values whose
// quantized magnitude exceeds MaxQuantized cannot be summarised: Add and
// AddRun return a *ValueError (wrapping ErrValue) naming the series and
// leave the table unchanged, so that a caller can say what the value
// means. Resolutions must lie in [MinResolution, MaxResolution]
// (1e-100 to 1e100), which keeps every statistic finite.
//
// # Limits
//
// Per series at most MaxCount (2^32-1) defined values and
// |round(v/resolution)| <= MaxQuantized (2^61). Within these limits the
// 128-bit sum and 192-bit sum of squares cannot overflow.
package summary
