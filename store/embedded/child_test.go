package embedded_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/netgraph/netgraph/store/embedded"
)

// The crash tests run this test binary again as a child that writes to a
// store until it is killed, printing a line for each write the store has
// acknowledged. The helpers below are both halves of that arrangement.

// openChildStore opens the store a child test works on, named by the
// environment variable env; when env is not set the test is not running as a
// child and is skipped.
func openChildStore(t *testing.T, env string) *embedded.Store {
	path := os.Getenv(env)
	if path == "" {
		t.Skip("runs only as a child of a crash test")
	}
	s, err := embedded.Open(path, embedded.WithLockTimeout(5*time.Second))
	childCheck(err)
	return s
}

// childCheck ends a child process on an error, telling its parent why.
func childCheck(err error) {
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
}

// killChild runs the child test named test with env=path, passes each line
// it prints to record, and kills it (SIGKILL) pause after its first acks
// lines, passing on whatever it printed before it died too. It fails the test
// if the child ended by itself.
func killChild(t *testing.T, test, env, path string, acks int, pause time.Duration, record func(line string)) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	for n := 0; n < acks && lines.Scan(); n++ {
		record(lines.Text())
	}
	time.Sleep(pause)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	for lines.Scan() { // lines written before it died were acknowledged too
		record(lines.Text())
	}
	if err := cmd.Wait(); err == nil {
		t.Fatalf("%s ended by itself before it was killed; stderr:\n%s", test, stderr.String())
	}
}
