// Package featurescopedriftconnector computes fleet-wide drift of featurescope features in the
// collector. It receives every replica's featurescope.drift.bin.values cumulative counters (and
// featurescope.baseline.values gauges), turns them into deltas per stream, sums them per feature over
// a sliding window and emits featurescope.fleet.drift.* gauges with the definitions of
// testdata/binned-drift/README.md.
//
//go:generate go run go.opentelemetry.io/collector/cmd/mdatagen@v0.161.0 metadata.yaml
package featurescopedriftconnector // import "github.com/featurescope/featurescope/collector/featurescopedriftconnector"
