// Package apicheck holds no code, only a test over the module's source: that
// every exported name is used by code other than tests (see
// apicheck_test.go), so that the API says what the service uses.
package apicheck
