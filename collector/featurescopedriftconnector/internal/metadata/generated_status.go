// Written by hand in mdatagen v0.161.0's layout from ../../metadata.yaml: mdatagen itself cannot be
// built from the Go module proxy (its dependency go.opentelemetry.io/collector/internal/schemagen
// is not served). Keep this file in step with metadata.yaml (metadata_test.go checks it).

// Package metadata contains the telemetry and build information for the featurescopedrift connector.
package metadata

import (
	"go.opentelemetry.io/collector/component"
)

var (
	Type      = component.MustNewType("featurescopedrift")
	ScopeName = "github.com/featurescope/featurescope/collector/featurescopedriftconnector"
)

const (
	MetricsToMetricsStability = component.StabilityLevelAlpha
)
