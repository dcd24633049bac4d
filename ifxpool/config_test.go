package ifxpool

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestParseConfigDefaults(t *testing.T) {
	cfg, err := ParseConfig("informix://u:p@h:9088/db?server=s")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MaxConns != DefaultMaxConns() || cfg.MinConns != 0 ||
		cfg.MaxConnLifetime != time.Hour || cfg.MaxConnLifetimeJitter != 0 ||
		cfg.MaxConnIdleTime != 30*time.Minute || cfg.HealthCheckPeriod != time.Minute ||
		cfg.AcquireTimeout != 0 || cfg.PingIdleThreshold != time.Second ||
		cfg.PingTimeout != 5*time.Second || cfg.ResetTimeout != 5*time.Second {
		t.Fatalf("defaults: %+v", cfg)
	}
	if cfg.ConnConfig.Database != "db" || cfg.ConnConfig.Password != "p" {
		t.Fatalf("conn config: %v", cfg.ConnConfig)
	}
}

// Every pool option in each of the driver's three DSN forms; the pool keys
// are removed before the driver sees the DSN (it rejects unknown keys, and
// the JDBC form would send them to the server as environment variables).
func TestParseConfigDSNForms(t *testing.T) {
	opts := map[string]string{
		"pool_max_conns":                "12",
		"pool_min_conns":                "3",
		"pool_max_conn_lifetime":        "2h",
		"pool_max_conn_lifetime_jitter": "90",
		"pool_max_conn_idle_time":       "5m",
		"pool_health_check_period":      "15s",
		"pool_acquire_timeout":          "1.5",
		"pool_ping_idle_threshold":      "-1s",
		"pool_ping_timeout":             "250ms",
		"pool_reset_timeout":            "3s",
	}
	var amp, sp, semi, rest []string
	for k, v := range opts {
		amp = append(amp, k+"="+v)
		sp = append(sp, k+"="+v)
		semi = append(semi, strings.ToUpper(k)+"="+v)
		if k != "pool_max_conns" {
			rest = append(rest, k+"="+v)
		}
	}
	dsns := map[string]string{
		"url":       "informix://u:p%3Fw@h:9088/db?server=s&" + strings.Join(amp, "&") + "&app_name=x",
		"url-only":  "informix://u:p@h:9088/db?" + strings.Join(amp, "&"),
		"kv":        "host=h server=s database=db user=u password='a b\\'c' " + strings.Join(sp, " ") + " app_name=x",
		"kv-quoted": "host=h pool_max_conns='12' server=s database=db " + strings.Join(rest, " "),
		"jdbc":      "jdbc:informix-sqli://h:9088/db:INFORMIXSERVER=s;" + strings.Join(semi, ";") + ";user=u;DBDATE=Y4MD-",
		"jdbc-lead": "jdbc:informix-sqli://h:9088/db:" + strings.Join(semi, ";") + ";INFORMIXSERVER=s",
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) {
			cfg, err := ParseConfig(dsn)
			if err != nil {
				t.Fatal(err)
			}
			want := Config{MaxConns: 12, MinConns: 3, MaxConnLifetime: 2 * time.Hour, MaxConnLifetimeJitter: 90 * time.Second,
				MaxConnIdleTime: 5 * time.Minute, HealthCheckPeriod: 15 * time.Second, AcquireTimeout: 1500 * time.Millisecond,
				PingIdleThreshold: -time.Second, PingTimeout: 250 * time.Millisecond, ResetTimeout: 3 * time.Second}
			got := [...]any{cfg.MaxConns, cfg.MinConns, cfg.MaxConnLifetime, cfg.MaxConnLifetimeJitter, cfg.MaxConnIdleTime,
				cfg.HealthCheckPeriod, cfg.AcquireTimeout, cfg.PingIdleThreshold, cfg.PingTimeout, cfg.ResetTimeout}
			exp := [...]any{want.MaxConns, want.MinConns, want.MaxConnLifetime, want.MaxConnLifetimeJitter, want.MaxConnIdleTime,
				want.HealthCheckPeriod, want.AcquireTimeout, want.PingIdleThreshold, want.PingTimeout, want.ResetTimeout}
			if got != exp {
				t.Fatalf("got  %v\nwant %v", got, exp)
			}
			cc := cfg.ConnConfig
			if cc.Database != "db" || cc.Hosts[0].Host != "h" {
				t.Fatalf("conn config %v", cc)
			}
			for k := range cc.Env {
				if strings.HasPrefix(strings.ToLower(k), "pool_") {
					t.Fatalf("pool option leaked into the server environment: %v", cc.Env)
				}
			}
			switch name {
			case "url":
				if cc.Password != "p?w" || cc.AppName != "x" || cc.Server != "s" {
					t.Fatalf("url: %+v", cc)
				}
			case "kv":
				if cc.Password != "a b'c" || cc.AppName != "x" || cc.User != "u" {
					t.Fatalf("kv: password %q app %q", cc.Password, cc.AppName)
				}
			case "jdbc":
				if cc.Env["DBDATE"] != "Y4MD-" || cc.User != "u" || cc.Server != "s" {
					t.Fatalf("jdbc: %+v", cc)
				}
			case "jdbc-lead":
				if cc.Server != "s" {
					t.Fatalf("jdbc-lead: %+v", cc)
				}
			}
		})
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, dsn := range []string{
		"informix://u@h/db?pool_max_conns=x",
		"informix://u@h/db?pool_max_conns=0",
		"informix://u@h/db?pool_min_conns=5&pool_max_conns=4",
		"informix://u@h/db?pool_min_conns=-1",
		"informix://u@h/db?pool_max_conn_lifetime=-5s",
		"informix://u@h/db?pool_reset_timeout=0",
		"informix://u@h/db?pool_bogus=1",
		"host=h pool_acquire_timeout=soon",
		"jdbc:informix-sqli://h:9088/db:pool_max_conns=many",
		"informix://u@h/db?pool_max_conns=4&bogus=1", // the driver's own check still runs
	} {
		if _, err := ParseConfig(dsn); err == nil {
			t.Errorf("%s: no error", dsn)
		}
	}
	_, err := ParseConfig("informix://u:secret@h/db?pool_max_conns=x")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("error %v", err)
	}
}

func TestNewWithConfigRequiresParseConfig(t *testing.T) {
	if _, err := NewWithConfig(context.Background(), &Config{MaxConns: 1}); err == nil {
		t.Fatal("a hand-made Config was accepted")
	}
	cfg, err := ParseConfig("informix://u@127.0.0.1:1/db")
	if err != nil {
		t.Fatal(err)
	}
	cfg.MinConns = 9
	cfg.MaxConns = 2
	if _, err := NewWithConfig(context.Background(), cfg); err == nil {
		t.Fatal("MinConns > MaxConns accepted")
	}
	c2 := cfg.Copy()
	c2.ConnConfig.Database = "other"
	if cfg.ConnConfig.Database == "other" {
		t.Fatal("Copy shares ConnConfig")
	}
}

// The driver parses the DSN once: a pool key inside a quoted value is
// part of that value, not a pool option.
func TestParseConfigPoolKeyInsideValue(t *testing.T) {
	cfg, err := ParseConfig("host=h server=s app_name='pool_max_conns=99 x' pool_min_conns=1")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MaxConns != DefaultMaxConns() || cfg.MinConns != 1 || cfg.ConnConfig.AppName != "pool_max_conns=99 x" {
		t.Fatalf("MaxConns %d MinConns %d AppName %q", cfg.MaxConns, cfg.MinConns, cfg.ConnConfig.AppName)
	}
}
