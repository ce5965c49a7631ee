package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/rs/zerolog"
)

// dockerfileConfig reads the environment (ENV) and the arguments of serve
// (ENTRYPOINT and CMD) that ../../Dockerfile sets.
func dockerfileConfig(t *testing.T) (map[string]string, []string) {
	t.Helper()
	data, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	env := map[string]string{}
	var cmd []string
	for line := range strings.SplitSeq(text, "\n") {
		switch {
		case strings.HasPrefix(line, "ENV "):
			for _, kv := range strings.Fields(strings.TrimPrefix(line, "ENV ")) {
				k, v, _ := strings.Cut(kv, "=")
				env[k] = v
			}
		case strings.HasPrefix(line, "CMD "):
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "CMD ")), &cmd); err != nil {
				t.Fatalf("CMD: %v", err)
			}
		}
	}
	if len(cmd) == 0 || cmd[0] != "serve" {
		t.Fatalf("Dockerfile CMD %q, want serve", cmd)
	}
	return env, cmd[1:]
}

// composeService reads the environment and published ports of one service
// of ../../docker-compose.yml, with ${VAR:-default} replaced by its default.
func composeService(t *testing.T, name string) (map[string]string, []string) {
	t.Helper()
	data, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	defaults := regexp.MustCompile(`\$\{[A-Z_]+:-([^}]*)\}`)
	env := map[string]string{}
	var ports []string
	in, block := false, ""
	for line := range strings.SplitSeq(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		indent := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case indent == 2 && strings.HasSuffix(trimmed, ":"):
			in, block = trimmed == name+":", ""
		case !in || trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case indent == 4:
			block = strings.TrimSuffix(trimmed, ":")
		case indent == 6 && block == "environment":
			k, v, _ := strings.Cut(trimmed, ":")
			env[k] = defaults.ReplaceAllString(strings.TrimSpace(v), "$1")
		case indent == 6 && block == "ports":
			ports = append(ports, strings.Trim(strings.Fields(strings.TrimPrefix(trimmed, "- "))[0], `"`))
		}
	}
	if len(env) == 0 {
		t.Fatalf("docker-compose.yml: no environment for %s", name)
	}
	return env, ports
}

// TestDockerCommandLines checks that serve accepts the configuration the
// Dockerfile and docker-compose.yml give it, listening on every interface of
// the container with API keys required, and refuses it without the keys;
// and that compose publishes ports on loopback only.
func TestDockerCommandLines(t *testing.T) {
	dockerEnv, dockerArgs := dockerfileConfig(t)
	composeEnv, _ := composeService(t, "netgraph")
	compose := map[string]string{}
	for k, v := range dockerEnv {
		compose[k] = v
	}
	for k, v := range composeEnv {
		compose[k] = v
	}
	keys := writeSecurityFile(t, "api-keys", "admin "+testAPIKey+" admin\n")
	for name, env := range map[string]map[string]string{"Dockerfile": dockerEnv, "docker-compose.yml": compose} {
		t.Run(name, func(t *testing.T) {
			if env["NETGRAPH_API_KEYS_FILE"] == "" || env["NETGRAPH_ADDR"] != "0.0.0.0:8080" {
				t.Fatalf("environment %v: want NETGRAPH_ADDR 0.0.0.0:8080 and NETGRAPH_API_KEYS_FILE", env)
			}
			withKeys := map[string]string{}
			for k, v := range env {
				withKeys[k] = v
			}
			withKeys["NETGRAPH_API_KEYS_FILE"] = keys // the file the container mounts
			var logs strings.Builder
			m := newServeMain(Env{Getenv: func(k string) string { return withKeys[k] }, Stderr: &logs, Stdout: &logs})
			if err := m.ParseFlags(dockerArgs); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Security.access(context.Background(), m.Env.Getenv, m.Addr, zerolog.Nop()); err != nil {
				t.Fatalf("serve refuses the configuration: %v", err)
			}
			delete(withKeys, "NETGRAPH_API_KEYS_FILE")
			m = newServeMain(Env{Getenv: func(k string) string { return withKeys[k] }, Stderr: &logs, Stdout: &logs})
			if err := m.ParseFlags(dockerArgs); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Security.access(context.Background(), m.Env.Getenv, m.Addr, zerolog.Nop()); !errors.As(err, new(usageError)) {
				t.Errorf("without keys: %v, want serve to refuse an open server on 0.0.0.0", err)
			}
		})
	}
	for _, svc := range []string{"netgraph", "neo4j"} {
		_, ports := composeService(t, svc)
		for _, p := range ports {
			if !strings.HasPrefix(p, "127.0.0.1:") {
				t.Errorf("docker-compose.yml publishes %s port %q beyond loopback", svc, p)
			}
		}
	}
}
