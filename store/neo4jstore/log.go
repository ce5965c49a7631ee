package neo4jstore

import "github.com/rs/zerolog"

// driverLog sends the driver's log to the store's logger. The driver logs
// addresses, never credentials. Its errors are often retried, so they are
// warnings; its info lines (pools opening and closing) are debug detail.
type driverLog struct{ l zerolog.Logger }

func (d driverLog) Error(name, id string, err error) {
	d.l.Warn().Str("component", name).Str("id", id).Err(err).Msg("neo4j driver")
}

func (d driverLog) Warnf(name, id, msg string, args ...any) {
	d.l.Warn().Str("component", name).Str("id", id).Msgf(msg, args...)
}

func (d driverLog) Infof(name, id, msg string, args ...any) {
	d.l.Debug().Str("component", name).Str("id", id).Msgf(msg, args...)
}

func (d driverLog) Debugf(name, id, msg string, args ...any) {
	d.l.Trace().Str("component", name).Str("id", id).Msgf(msg, args...)
}
