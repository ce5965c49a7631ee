// Package neo4jstore is netgraph's production store: netgraph.Store on Neo4j 5
// through the official Go driver. It is named so that it does not clash with
// the driver's package neo4j.
//
// # Graph model
//
//	(:Person {id, externalId, name, email, title, profession, region, interests, consent, createdAt, updatedAt})
//	(:Organisation {id, externalId, name, sector, region, createdAt, updatedAt})
//	(:Network {id, externalId, name, type, purpose, region, specialty, createdAt, updatedAt})
//	(:Person)-[:WORKS_AT {role, since}]->(:Organisation)
//	(:Person)-[:MEMBER_OF {role, since}]->(:Network)
//	(:Person)-[:TIE {key, kind, strength, since, lastInteraction}]->(:Person)
//	(:Organisation)-[:PARTNERS_WITH {key, kind, since}]->(:Organisation)
//	(:Person)-[:DISMISSED {by, at, reason}]->(:Person)   smaller id first; not part of ReadGraph
//	(:NetgraphMeta {id: 'singleton', dataVersion})
//	(:AuditEntry {id, at, subject, role, requestId, operation, ids, kind, count})
//
// Audit entries (netgraph.AuditLog) have no relationships: they are not part
// of the graph, ReadGraph or the data version, and erasing a node leaves the
// entries that name its id. Each is written by the transaction of the
// mutation it records (see versioned).
//
// Times are stored as UTC DATETIMEs; absent optional values (an external id,
// a since, a last interaction) as absent properties.
//
// Ties are one relationship type, TIE, with the kind as a property, rather
// than one type per kind (KNOWS, ADVISES, …). The kind is data: it is
// validated against netgraph.TieKinds, passed as a parameter and filtered on
// in WHERE clauses, so no statement is ever built from a string, and
// relationship types (which Cypher cannot take as parameters) never come from
// input. A single type also gives the one-tie-per-pair-and-kind rule a single
// home: each tie carries key = "<A>|<B>|<KIND>" (netgraph.TieKey, A < B, so
// the same for either direction), and a relationship uniqueness constraint on
// TIE.key enforces the rule and makes creation a MERGE on the key. A tie is
// stored in the direction it was recorded (who advises whom); reads ignore
// direction. Partnerships follow the same pattern with PARTNERS_WITH.key.
//
// # Data version and concurrency
//
// The data version lives on the (:NetgraphMeta) node, so every replica of the
// service reads the same number. Every write transaction begins by taking the
// write lock on that node (cypher/meta_lock.cypher) and, if it changed
// anything, records it in the audit log (audit_create) and adds one to the
// version before it commits (meta_bump). Writers are
// therefore serialised on that node: checks such as "does a tie of this kind
// already exist" cannot race, and versions are never skipped or shared. The
// price is that writes do not run in parallel, which suits netgraph's
// read-mostly load.
//
// Every read runs in a managed read transaction and every write in a managed
// write transaction, so the driver retries transient failures. ReadGraph,
// which must see a single version, reads in a write transaction that holds
// the lock (see ReadGraph). Each transaction has a short-lived session that
// names the database. Work functions are idempotent: new ids are chosen
// before the transaction and creation MERGEs on the id or key, so a retry
// never duplicates anything. All sessions share one bookmark manager, so on a
// cluster this process reads its own writes; other processes see them once
// the cluster has replicated them.
//
// # Connecting
//
// The URI scheme chooses the connection, as the driver defines:
// bolt://host:7687 for one server; neo4j://host:7687 for a cluster, with
// routing of reads and writes; a "+s" suffix (bolt+s, neo4j+s) for TLS with a
// verified certificate; "+ssc" for TLS with a self-signed certificate.
//
// # Statements
//
// All Cypher is in cypher/*.cypher, one statement per file, embedded and loaded
// by name (cypher.go), linted by lint/run.sh. Values always go in as
// parameters.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
)

var _ netgraph.Store = (*Store)(nil)

// DefaultDatabase is the database used when Config.Database is empty: the
// default database of a Neo4j server (the only one in Community Edition).
const DefaultDatabase = "neo4j"

// Batch sizes: records per round trip when streaming the graph, and rows per
// UNWIND when importing.
const (
	readBatchSize   = 10_000
	importBatchSize = 5_000
)

// Config says how to reach Neo4j.
type Config struct {
	// URI is the server or cluster: bolt://, neo4j://, with +s or +ssc for TLS.
	// Credentials go in Username and Password, never in the URI.
	URI      string
	Username string // empty for a server without authentication
	Password string
	Database string // DefaultDatabase if empty
	Logger   zerolog.Logger
	Clock    netgraph.Clock // time.Now if nil

	// The driver's pool and timeouts; zero keeps the driver's default (in
	// brackets).
	MaxConnections    int           // connections per server (100)
	AcquireTimeout    time.Duration // wait for a free connection (1 minute)
	ConnectTimeout    time.Duration // to open a connection (5 s)
	MaxRetryTime      time.Duration // retrying a transaction's transient failures (30 s)
	MaxConnectionLife time.Duration // a connection is replaced after this (1 hour)
}

// Store is netgraph.Store on Neo4j. It is safe for concurrent use. Open one per
// process: it holds the driver's connection pool.
type Store struct {
	driver    neo4j.DriverWithContext
	database  string
	bookmarks neo4j.BookmarkManager
	log       zerolog.Logger
	now       netgraph.Clock
	batchSize int // records per ReadGraph round trip
}

// Open connects to Neo4j, checks that it answers, and creates the constraints
// and indexes the store needs where they are missing. Errors never contain the
// password: EINVALID for an unusable configuration, EUNAVAILABLE when Neo4j
// cannot be reached or refuses the credentials.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	target, err := checkURI(cfg.URI)
	if err != nil {
		return nil, err
	}
	s := &Store{
		database:  cfg.Database,
		bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{}),
		log:       cfg.Logger.With().Str("store", "neo4j").Logger(),
		now:       cfg.Clock,
		batchSize: readBatchSize,
	}
	if s.database == "" {
		s.database = DefaultDatabase
	}
	if s.now == nil {
		s.now = time.Now
	}
	auth := neo4j.NoAuth()
	if cfg.Username != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	s.driver, err = neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.Log = driverLog{s.log}
		c.UserAgent = "netgraph"
		if cfg.MaxConnections > 0 {
			c.MaxConnectionPoolSize = cfg.MaxConnections
		}
		if cfg.AcquireTimeout > 0 {
			c.ConnectionAcquisitionTimeout = cfg.AcquireTimeout
		}
		if cfg.ConnectTimeout > 0 {
			c.SocketConnectTimeout = cfg.ConnectTimeout
		}
		if cfg.MaxRetryTime > 0 {
			c.MaxTransactionRetryTime = cfg.MaxRetryTime
		}
		if cfg.MaxConnectionLife > 0 {
			c.MaxConnectionLifetime = cfg.MaxConnectionLife
		}
	})
	if err != nil {
		return nil, netgraph.Errorf(netgraph.EINVALID, "neo4j URI %s: %s", target, redact(err.Error(), cfg.Password))
	}
	if err := s.start(ctx); err != nil {
		_ = s.driver.Close(context.WithoutCancel(ctx))
		return nil, redactError(failure(ctx, "connect to neo4j at "+target, err), cfg.Password)
	}
	s.log.Info().Str("uri", target).Str("database", s.database).Msg("neo4j store open")
	return s, nil
}

// checkURI checks that uri can name a Neo4j server without carrying
// credentials, and returns the part of it fit for logs and errors: scheme
// and address (a query holds routing context, or a misplaced secret).
func checkURI(uri string) (string, error) {
	if strings.TrimSpace(uri) == "" {
		return "", netgraph.Errorf(netgraph.EINVALID, "neo4j URI is empty")
	}
	u, err := url.Parse(uri)
	if err != nil {
		// url.Parse quotes the whole URI, which may hold a password.
		return "", netgraph.Errorf(netgraph.EINVALID, "neo4j URI is not a valid URL")
	}
	if u.User != nil {
		return "", netgraph.Errorf(netgraph.EINVALID,
			"neo4j URI must not carry credentials: give the username and password separately")
	}
	return u.Scheme + "://" + u.Host, nil
}

// start checks connectivity, then creates the schema and the data-version node.
func (s *Store) start(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return err
	}
	for _, sc := range schema {
		err := s.schemaStatement(ctx, sc.create)
		var nerr *neo4j.Neo4jError
		if err != nil && sc.fallback.name != "" && errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.ClientError.") {
			s.log.Warn().Str("statement", sc.create.name).Str("code", nerr.Code).
				Msgf("neo4j refused %s (relationship uniqueness constraints need Neo4j 5.7); creating %s instead",
					sc.create.name, sc.fallback.name)
			err = s.schemaStatement(ctx, sc.fallback)
		}
		if err != nil {
			return fmt.Errorf("create schema (%s): %w", sc.create.name, err)
		}
	}
	// A write that changes nothing creates the data-version node if missing.
	_, err := write(ctx, s, "create the data-version node", nil, func(context.Context, neo4j.ManagedTransaction) (struct{}, bool, error) {
		return struct{}{}, false, nil
	})
	return err
}

// schemaStatement runs one schema command in its own write transaction
// (Neo4j does not mix schema and data changes in a transaction).
func (s *Store) schemaStatement(ctx context.Context, q statement) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return run(ctx, tx, q, nil)
	})
	return err
}

// Close closes the driver and its connections.
func (s *Store) Close() error {
	return s.driver.Close(context.Background())
}

// Ping reads the data version, which checks that the named database answers.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.DataVersion(ctx)
	return err
}

// DataVersion returns the version on the meta node. Thanks to the shared
// bookmarks it is at least the version of this process's last write.
func (s *Store) DataVersion(ctx context.Context) (uint64, error) {
	return read(ctx, s, "read data version", dataVersion)
}

func dataVersion(ctx context.Context, tx neo4j.ManagedTransaction) (uint64, error) {
	recs, err := run(ctx, tx, qMetaVersion, nil)
	if err != nil || len(recs) == 0 {
		return 0, err
	}
	v, err := value[int64](recs[0], "version")
	return uint64(v), err
}

// session opens a short-lived session on the store's database, sharing the
// store's bookmarks.
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{
		AccessMode:      mode,
		DatabaseName:    s.database,
		BookmarkManager: s.bookmarks,
		// Every statement's result is bounded (pages, batches, LIMITs) and
		// collected whole, so it comes in one round trip.
		FetchSize: neo4j.FetchAll,
	})
}

// readWork is the work of a read transaction; writeWork that of a write
// transaction, which also reports whether it changed anything. The driver may
// run either more than once, each time in a fresh transaction, so neither
// may have effects outside the transaction that a rerun would repeat.
type (
	readWork[T any]  func(context.Context, neo4j.ManagedTransaction) (T, error)
	writeWork[T any] func(context.Context, neo4j.ManagedTransaction) (T, bool, error)
)

// read runs work in a managed read transaction and maps its error for the
// operation op.
func read[T any](ctx context.Context, s *Store, op string, work readWork[T]) (T, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	out, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return work(ctx, tx)
	})
	if err != nil {
		var zero T
		return zero, failure(ctx, op, err)
	}
	return out.(T), nil
}

// write runs work in a managed write transaction under the data-version
// protocol (versioned) and maps its error for the operation op. entry is the
// audit entry that records the change, stamped before the transaction so
// that a retry writes the same entry; nil for a write that can change
// nothing.
func write[T any](ctx context.Context, s *Store, op string, entry *netgraph.AuditEntry, work writeWork[T]) (T, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	out, err := sess.ExecuteWrite(ctx, versioned(ctx, entry, work))
	if err != nil {
		var zero T
		return zero, failure(ctx, op, err)
	}
	return out.(T), nil
}

// versioned returns the transaction function of a write: it first takes the
// lock on the data-version node, then runs work, and if work changed
// something records entry in the audit log and bumps the version before the
// driver commits. A change with no entry to record is a bug, and fails.
func versioned[T any](ctx context.Context, entry *netgraph.AuditEntry, work writeWork[T]) neo4j.ManagedTransactionWork {
	return func(tx neo4j.ManagedTransaction) (any, error) {
		if _, err := run(ctx, tx, qMetaLock, nil); err != nil {
			return nil, err
		}
		v, changed, err := work(ctx, tx)
		if err != nil {
			return nil, err
		}
		if changed {
			if entry == nil {
				return nil, errors.New("a write changed the graph without an audit entry")
			}
			if _, err := run(ctx, tx, qAuditCreate, auditParams(entry)); err != nil {
				return nil, err
			}
			if _, err := run(ctx, tx, qMetaBump, nil); err != nil {
				return nil, err
			}
		}
		return v, nil
	}
}

// run runs q with params in tx and returns all its records. Driver errors are
// returned as they are, so the driver can tell which ones are worth a retry.
func run(ctx context.Context, tx neo4j.ManagedTransaction, q statement, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, q.text, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// count runs q and returns the integer in column key of its single record.
func count(ctx context.Context, tx neo4j.ManagedTransaction, q statement, key string, params map[string]any) (int64, error) {
	recs, err := run(ctx, tx, q, params)
	if err != nil {
		return 0, err
	}
	if len(recs) != 1 {
		return 0, fmt.Errorf("%s returned %d records, want 1", q.name, len(recs))
	}
	return value[int64](recs[0], key)
}
