package metrics

import "github.com/prometheus/client_golang/prometheus"

// Registry returns the registry the metrics are in, for tests to gather.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }
