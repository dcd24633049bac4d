package ifxconn

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// TargetSessionAttrs says which servers of a cluster a connection may
// use (option target_session_attrs, pgx's names). Hosts are tried in
// order; a server whose role does not fit is logged out of and the next
// one tried.
type TargetSessionAttrs string

// Target session attributes.
const (
	// TargetAny takes the first server that accepts the login (default).
	TargetAny TargetSessionAttrs = "any"
	// TargetReadWrite takes only a server that takes writes: a primary
	// or a server in no cluster, never a read-only secondary.
	TargetReadWrite TargetSessionAttrs = "read-write"
	// TargetReadOnly takes only a read-only secondary.
	TargetReadOnly TargetSessionAttrs = "read-only"
	// TargetPreferStandby takes a read-only secondary when one answers,
	// else the first server that takes writes.
	TargetPreferStandby TargetSessionAttrs = "prefer-standby"
)

func parseTargetSessionAttrs(s string) (TargetSessionAttrs, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "any":
		return TargetAny, nil
	case "read-write", "primary":
		return TargetReadWrite, nil
	case "read-only", "standby":
		return TargetReadOnly, nil
	case "prefer-standby":
		return TargetPreferStandby, nil
	}
	return "", fmt.Errorf("unknown target_session_attrs (want any, read-write, read-only or prefer-standby)")
}

// hdrSwitch holds JDBC's HDR properties until the DSN is parsed:
// ENABLE_HDRSWITCH=true adds the secondary they name to the host list,
// after the hosts the DSN names.
type hdrSwitch struct {
	enabled      bool
	server, host string
	port         uint16
}

// setClusterOption applies the cluster options of every DSN form; it
// reports whether key is one of them.
func (c *Config) setClusterOption(lk, value string) (bool, error) {
	var err error
	switch lk {
	case "target_session_attrs":
		c.TargetSessionAttrs, err = parseTargetSessionAttrs(value)
	case "connect_retry_timeout":
		c.ConnectRetryTimeout, err = parseSignedDuration(value)
	case "enable_hdrswitch":
		c.hdrSwitch().enabled, err = strconv.ParseBool(strings.TrimSpace(value))
	case "informixserver_secondary":
		c.hdrSwitch().server = strings.TrimSpace(value)
	case "ifxhost_secondary":
		c.hdrSwitch().host = strings.TrimSpace(value)
	case "portno_secondary":
		c.hdrSwitch().port, err = parsePort(value)
	default:
		return false, nil
	}
	if err != nil {
		return true, fmt.Errorf("option %s=%q: %w", lk, value, err)
	}
	return true, nil
}

func (c *Config) hdrSwitch() *hdrSwitch {
	if c.hdr == nil {
		c.hdr = &hdrSwitch{}
	}
	return c.hdr
}

// applyHDRSwitch appends JDBC's secondary to Hosts, once the primary's
// hosts are known. IFXHOST_SECONDARY defaults to the primary's host as in
// JDBC; without a server name or a port there is nothing to add.
func (c *Config) applyHDRSwitch() error {
	h := c.hdr
	c.hdr = nil
	if h == nil || !h.enabled {
		return nil
	}
	if h.server == "" {
		return fmt.Errorf("ENABLE_HDRSWITCH=true needs INFORMIXSERVER_SECONDARY")
	}
	if h.port == 0 {
		return fmt.Errorf("ENABLE_HDRSWITCH=true needs PORTNO_SECONDARY")
	}
	if h.host == "" {
		h.host = c.Hosts[0].Host
	}
	c.Hosts = append(c.Hosts, HostPort{Host: h.host, Port: h.port, Server: h.server})
	if c.TargetSessionAttrs == "" {
		c.TargetSessionAttrs = TargetAny
	}
	return nil
}

// DefaultConnectRetryTimeout is Config.ConnectRetryTimeout's default: a
// failover (the primary's death noticed, a secondary promoted) takes
// seconds.
const DefaultConnectRetryTimeout = 5 * time.Second

// parseSignedDuration is parseDuration that also takes a negative value
// ("-1", "-1s"), which turns a retry off.
func parseSignedDuration(s string) (time.Duration, error) {
	if rest, neg := strings.CutPrefix(strings.TrimSpace(s), "-"); neg {
		d, err := parseDuration(rest)
		return -d, err
	}
	return parseDuration(s)
}
