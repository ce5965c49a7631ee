// Command netgraph maps professional networks. It is one binary with
// subcommands; each lives in its own file, registers itself in init and does
// wiring only: parse flags, build the pieces, run them.
//
//	netgraph serve      serve the GraphQL API and the IDE over HTTP
//	netgraph analyse    analyse a network read from CSV edge and node lists
//	netgraph report     report on a scope of the store: health, key people, roles, introductions
//	netgraph export     write the whole graph of a store as JSON lines
//	netgraph import     load a file written by export into a store
//	netgraph compact    rewrite the embedded file so that nothing deleted is left in it
//	netgraph check      verify an embedded database file and say what is wrong where
//
// Every flag can also be set in the environment as NETGRAPH_<FLAG>, upper
// case with dashes as underscores (--log-format is NETGRAPH_LOG_FORMAT); a
// flag on the command line wins over the environment.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/rs/zerolog"
)

func main() {
	// SIGINT and SIGTERM cancel the context and commands shut down
	// gracefully; a second signal ends the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	os.Exit(run(ctx, os.Args[1:], Env{Getenv: os.Getenv, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
}

// Env is the part of the outside world a command sees, so tests can supply
// their own.
type Env struct {
	Getenv func(string) string
	Stdin  io.Reader // nil when there is none to read (in tests)
	Stdout io.Writer
	Stderr io.Writer
}

// command is one subcommand.
type command struct {
	name    string
	summary string // one line for the usage text
	// run runs the command until it is done or ctx is cancelled.
	run func(ctx context.Context, env Env, args []string) error
}

// commands holds every subcommand by name; each file adds its own in init.
var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// run runs the subcommand named by args[0] and returns the exit code: 0 for
// success, 1 for a failure, 2 for a usage error.
func run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		usage(env.Stderr)
		return 2
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(env.Stdout)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "netgraph: unknown command %q\n\n", args[0])
		usage(env.Stderr)
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	var uerr usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &uerr):
		if uerr.err != nil {
			fmt.Fprintf(env.Stderr, "netgraph %s: %v\n", cmd.name, uerr.err)
		}
		return 2
	default:
		fmt.Fprintf(env.Stderr, "netgraph %s: %v\n", cmd.name, err)
		return 1
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `netgraph maps professional networks: people, organisations, networks and
the ties between them.

Usage:
  netgraph <command> [flags]

Commands:
`)
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprint(w, `
Run "netgraph <command> -h" for a command's flags. Every flag can also be set
as NETGRAPH_<FLAG> (e.g. NETGRAPH_LOG_FORMAT=console); flags win.
`)
}

// usageError is a mistake in the command line or environment; it exits with
// code 2. A nil err means the flag package has already reported it.
type usageError struct{ err error }

func (e usageError) Error() string {
	if e.err == nil {
		return "usage error"
	}
	return e.err.Error()
}

// newFlagSet returns the flag set of a subcommand, reporting to env.Stderr.
func newFlagSet(env Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("netgraph "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: netgraph %s [flags]\n\n%s\n\nFlags (each also settable in the environment; flags win):\n", name, synopsis)
		fs.VisitAll(func(f *flag.Flag) {
			typ, help := flag.UnquoteUsage(f)
			if f.DefValue != "" && f.DefValue != "false" {
				help += fmt.Sprintf(" (default %q)", f.DefValue)
			}
			fmt.Fprintf(fs.Output(), "  --%s %s\n        %s\n        env %s\n", f.Name, typ, help, envName(f.Name))
		})
	}
	return fs
}

// parseFlags sets the flags of fs from args and then, for every flag the
// command line left alone, from its NETGRAPH_<FLAG> environment variable, so
// the command line wins over the environment. That includes flags that
// exclude each other (exclusiveFlags): choosing one on the command line
// ignores the environment's value for the others. Adding a flag to a command
// is one line defining it on fs.
func parseFlags(fs *flag.FlagSet, args []string, getenv func(string) string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{} // the flag package has printed the error and usage
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	onCommandLine := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { onCommandLine[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if onCommandLine[f.Name] || excludedBy(f.Name, onCommandLine) {
			return
		}
		name := envName(f.Name)
		if v, ok := lookupEnv(getenv, name); ok {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: %w", name, v, err))
			}
		}
	})
	if err := errors.Join(errs...); err != nil {
		return usageError{err}
	}
	return nil
}

// exclusiveFlags are groups of flags of which a command takes at most one:
// a report's scope, and the store.
var exclusiveFlags = [][]string{{"network", "organisation"}, {"db", "neo4j-uri"}}

// excludedBy reports whether flag name shares an exclusive group with a flag
// given on the command line.
func excludedBy(name string, onCommandLine map[string]bool) bool {
	for _, group := range exclusiveFlags {
		if !slices.Contains(group, name) {
			continue
		}
		for _, other := range group {
			if other != name && onCommandLine[other] {
				return true
			}
		}
	}
	return false
}

// lookupEnv reads an environment variable; an empty value counts as unset.
func lookupEnv(getenv func(string) string, name string) (string, bool) {
	if getenv == nil {
		return "", false
	}
	v := getenv(name)
	return v, v != ""
}

// envName is the environment variable for a flag: "log-format" is
// NETGRAPH_LOG_FORMAT, unless envNameOverrides says otherwise.
func envName(flagName string) string {
	if name, ok := envNameOverrides[flagName]; ok {
		return name
	}
	return "NETGRAPH_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// envNameOverrides names the environment variables that do not follow the
// usual rule: --api-keys takes a file, so its variable says so (a variable
// named NETGRAPH_API_KEYS invites pasting keys into the environment).
var envNameOverrides = map[string]string{"api-keys": apiKeysFileEnv}

// newLogger returns a logger writing to w as JSON lines or, for "console",
// as human-readable lines, at the named level; "auto" is console when w is a
// terminal and JSON otherwise (a log collector).
func newLogger(w io.Writer, format, level string) (zerolog.Logger, error) {
	lvl, err := zerolog.ParseLevel(strings.ToLower(level))
	if err != nil || level == "" {
		return zerolog.Logger{}, usageError{fmt.Errorf("log level %q: want trace, debug, info, warn or error", level)}
	}
	if format == "auto" {
		format = "json"
		if isTerminal(w) {
			format = "console"
		}
	}
	switch format {
	case "json":
	case "console":
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: time.DateTime, NoColor: !isTerminal(w)}
	default:
		return zerolog.Logger{}, usageError{fmt.Errorf("log format %q: want auto, json or console", format)}
	}
	return zerolog.New(w).Level(lvl).With().Timestamp().Logger(), nil
}

// Durations are logged with their unit ("took":"25.2ms"), not as a bare
// number of milliseconds that a reader must know to be milliseconds.
func init() { zerolog.DurationFieldFormat = zerolog.DurationFormatString }

// isTerminal reports whether w is a terminal, where colour helps.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
