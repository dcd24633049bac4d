package ifx_test

import (
	"testing"
	"time"

	"github.com/ifxgo/ifx"
)

// connect_retry_timeout sets Config.ConnectRetryTimeout in every DSN
// form: absent or 0 is the default (5 s, as before it was a setting), a
// negative value turns the retry off, a bad one is an error.
func TestConnectRetryTimeoutOption(t *testing.T) {
	clearIfxEnv(t)
	for dsn, want := range map[string]time.Duration{
		"informix://u:p@h1,h2/db?server=ol":                                      ifx.DefaultConnectRetryTimeout,
		"informix://u:p@h1,h2/db?server=ol&connect_retry_timeout=0":              ifx.DefaultConnectRetryTimeout,
		"informix://u:p@h1,h2/db?server=ol&connect_retry_timeout=300ms":          300 * time.Millisecond,
		"host=h1,h2 server=ol connect_retry_timeout=1.5":                         1500 * time.Millisecond,
		"host=h1,h2 server=ol connect_retry_timeout=-1":                          -time.Second,
		"jdbc:informix-sqli://h:1/db:INFORMIXSERVER=x;CONNECT_RETRY_TIMEOUT=20s": 20 * time.Second,
	} {
		cfg, err := ifx.ParseConfig(dsn)
		if err != nil {
			t.Errorf("%s: %v", dsn, err)
			continue
		}
		if cfg.ConnectRetryTimeout != want {
			t.Errorf("%s: ConnectRetryTimeout %v, want %v", dsn, cfg.ConnectRetryTimeout, want)
		}
	}
	if ifx.DefaultConnectRetryTimeout != 5*time.Second {
		t.Errorf("default %v, want 5 s", ifx.DefaultConnectRetryTimeout)
	}
	for _, bad := range []string{"soon", "-", "--1"} {
		if _, err := ifx.ParseConfig("host=h server=ol connect_retry_timeout=" + bad); err == nil {
			t.Errorf("connect_retry_timeout=%s accepted", bad)
		}
	}
}
