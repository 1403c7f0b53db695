package featurescopedriftconnector

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"go.opentelemetry.io/collector/pdata/pmetric"
)

// fleetExports builds `rounds` successive exports of `replicas` replicas × `features` features
// × 20 bins, each a minute after the previous, with growing cumulative counts.
func fleetExports(rounds, replicas, features int) []pmetric.Metrics {
	out := make([]pmetric.Metrics, rounds)
	for r := range rounds {
		var exports []replicaExport
		for p := range replicas {
			for f := range features {
				exports = append(exports, replicaExport{
					instance: fmt.Sprintf("pod-%d", p), feature: fmt.Sprintf("feature_%d", f),
					start: t0, at: t0.Add(time.Duration(r+1) * time.Minute),
					counts: uniform(int64(10*(r+1)), int64(r)), baseline: 10000,
				})
			}
		}
		out[r] = exportMetrics(exports...)
	}
	return out
}

// BenchmarkConsume: bin-counter data points folded in per second (20 replicas × 50 features × 20
// bins per export, the shape of a 20-pod fleet).
func BenchmarkConsume(b *testing.B) {
	const replicas, features = 20, 50
	batches := fleetExports(30, replicas, features)
	perBatch := replicas * features * 20
	c, _ := newTestConnector(&testing.T{})
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := c.ConsumeMetrics(ctx, batches[i%len(batches)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(perBatch*b.N)/b.Elapsed().Seconds(), "points/s")
}

// BenchmarkEmit: computing and rendering every feature's gauges (1000 features).
func BenchmarkEmit(b *testing.B) {
	c, _ := newTestConnector(&testing.T{})
	ctx := context.Background()
	for _, batch := range fleetExports(2, 2, 1000) {
		if err := c.ConsumeMetrics(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := c.emit(ctx, t0.Add(5*time.Minute)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(1000*b.N)/b.Elapsed().Seconds(), "features/s")
}

// BenchmarkMemoryPerFeature: heap held per feature with 20 replicas, B = 20 and the default
// 1 h window at 1 min resolution (60 slots, all filled).
func BenchmarkMemoryPerFeature(b *testing.B) {
	const replicas, features = 20, 20
	batches := fleetExports(60, replicas, features)
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c, _ := newTestConnector(&testing.T{})
		for _, batch := range batches {
			if err := c.ConsumeMetrics(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/features, "bytes/feature")
		runtime.KeepAlive(c)
		runtime.KeepAlive(batches)
	}
}
