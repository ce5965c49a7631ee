package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
)

// tokenEnv holds the API key or JWT that --url sends, for callers who keep
// it in the environment rather than in a file (--token-file). There is no
// flag for the token itself: command lines are visible to other users.
const tokenEnv = "NETGRAPH_TOKEN"

// remoteFlags point report and export at a running service instead of a
// store, so that nobody has to stop the service (which holds the embedded
// file's lock) to report or export.
type remoteFlags struct {
	URL       string
	TokenFile string
}

func (f *remoteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.URL, "url", "", "ask the netgraph service at this base URL (http://127.0.0.1:8080) instead of opening a store; authenticates with --token-file or "+tokenEnv)
	fs.StringVar(&f.TokenFile, "token-file", "", "file holding the API key or JWT sent as Authorization: Bearer with --url (or set "+tokenEnv+")")
}

// check checks --url and --token-file. With --url the store flags are
// not used: the service reads its own store.
func (f *remoteFlags) check() error {
	switch {
	case f.URL == "" && f.TokenFile != "":
		return usageError{errors.New("--token-file needs --url")}
	case f.URL != "":
		u, err := url.Parse(f.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError{fmt.Errorf("--url %q: want the service's base URL, http(s)://host:port", f.URL)}
		}
	}
	return nil
}

// token returns the bearer token from --token-file or the environment; ""
// for an open service.
func (f *remoteFlags) token(getenv func(string) string) (string, error) {
	if f.TokenFile != "" {
		b, err := os.ReadFile(f.TokenFile)
		if err != nil {
			return "", fmt.Errorf("--token-file: %w", err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	v, _ := lookupEnv(getenv, tokenEnv)
	return strings.TrimSpace(v), nil
}

// get asks the service for path with query and copies the answer to w. A
// refusal is returned as an error with the service's message and code.
func (f *remoteFlags) get(ctx context.Context, getenv func(string) string, path string, query url.Values, w io.Writer) error {
	token, err := f.token(getenv)
	if err != nil {
		return err
	}
	target := strings.TrimSuffix(f.URL, "/") + path + "?" + query.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("ask %s: %w", f.URL, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		var body struct {
			Errors []struct {
				Message    string
				Extensions struct{ Code string }
			}
		}
		b, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
		if json.Unmarshal(b, &body) == nil && len(body.Errors) > 0 {
			e := body.Errors[0]
			return fmt.Errorf("%s%s: %s (HTTP %d, %s)", f.URL, path, e.Message, res.StatusCode, e.Extensions.Code)
		}
		return fmt.Errorf("%s%s: HTTP %d", f.URL, path, res.StatusCode)
	}
	if _, err := io.Copy(w, res.Body); err != nil {
		return fmt.Errorf("read the answer of %s%s: %w", f.URL, path, err)
	}
	return nil
}
