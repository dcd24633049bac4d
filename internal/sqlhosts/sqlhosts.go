// Package sqlhosts reads Informix's sqlhosts file: the map from a
// database server name (or a group of them) to network addresses that
// every Informix client consults when it is given INFORMIXSERVER and no
// host. The format is IBM's ("sqlhosts connectivity information" and
// "sqlhosts file options" in the administrator's guide): one entry a
// line, fields separated by blanks, "#" starting a comment:
//
//	dbservername  nettype  hostname  servicename  [options]
//	g_cluster     group    -         -            i=1,c=1,e=srv_b
//	srv_a         onsoctcp host-a    9088         g=g_cluster
//	srv_b         onsocssl host-b    sqlexec-ssl  g=g_cluster
package sqlhosts

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Entry is one server line of the file.
type Entry struct {
	Name    string // dbservername
	NetType string // as written, lower-cased: onsoctcp, onsocssl, ontlitcp…
	Host    string
	Service string // a port number or a service name (see Port)
	Group   string // the g= option: the group this server belongs to
	Line    int
}

// TLS reports whether the nettype's protocol is ssl (onsocssl): such a
// listener speaks TLS from the first byte.
func (e Entry) TLS() bool { return strings.HasSuffix(e.NetType, "ssl") }

// Group is one group line with its members in file order.
type Group struct {
	Name    string
	ID      int    // the i= option (0 when absent)
	Random  bool   // c=1: start at a random member, then wrap around
	End     string // e=: the last member that belongs to the group
	Members []Entry
	Line    int
}

// File is a parsed sqlhosts file.
type File struct {
	Path    string
	Entries map[string]Entry
	Groups  map[string]*Group
}

// LineError reports a line that is no valid entry; it names the file and
// the line as IBM's tools do.
type LineError struct {
	Path string
	Line int
	Msg  string
}

// Error implements error.
func (e *LineError) Error() string {
	return fmt.Sprintf("sqlhosts %s:%d: %s", e.Path, e.Line, e.Msg)
}

// maxLine bounds one line; IBM limits the fields to 128 and 256 bytes.
const maxLine = 4096

// Load reads and parses the file at path.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sqlhosts: %w", err)
	}
	return Parse(path, data)
}

// Path returns the file an Informix client reads: INFORMIXSQLHOSTS, else
// $INFORMIXDIR/etc/sqlhosts. explicit is false for the second, whose
// absence is no error. getenv is os.Getenv in production.
func Path(getenv func(string) string) (path string, explicit bool) {
	if p := getenv("INFORMIXSQLHOSTS"); p != "" {
		return p, true
	}
	if d := getenv("INFORMIXDIR"); d != "" {
		return filepath.Join(d, "etc", "sqlhosts"), false
	}
	return "", false
}

// Parse parses the contents of a sqlhosts file; path only labels errors.
func Parse(path string, data []byte) (*File, error) {
	f := &File{Path: path, Entries: map[string]Entry{}, Groups: map[string]*Group{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 512), maxLine)
	var order []Entry
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if len(fields) < 4 {
			return nil, &LineError{path, n, fmt.Sprintf("%d fields, want dbservername nettype hostname servicename [options]", len(fields))}
		}
		if len(fields) > 5 {
			return nil, &LineError{path, n, fmt.Sprintf("%d fields: options must be one comma-separated field", len(fields))}
		}
		opts := ""
		if len(fields) == 5 {
			opts = fields[4]
		}
		kv, err := parseOptions(opts)
		if err != nil {
			return nil, &LineError{path, n, err.Error()}
		}
		name, nettype := fields[0], strings.ToLower(fields[1])
		if _, dup := f.Entries[name]; dup {
			continue // IBM: only the first entry of a name is used
		}
		if _, dup := f.Groups[name]; dup {
			continue
		}
		if nettype == "group" {
			if fields[2] != "-" || fields[3] != "-" {
				return nil, &LineError{path, n, "a group's hostname and servicename must be -"}
			}
			g := &Group{Name: name, Line: n}
			for k, v := range kv {
				switch k {
				case "i":
					g.ID, err = strconv.Atoi(v)
					if err != nil || g.ID < 0 {
						return nil, &LineError{path, n, fmt.Sprintf("group option i=%q: want a non-negative number", v)}
					}
				case "c":
					if v != "0" && v != "1" {
						return nil, &LineError{path, n, fmt.Sprintf("group option c=%q: want 0 or 1", v)}
					}
					g.Random = v == "1"
				case "e":
					g.End = v
				}
			}
			f.Groups[name] = g
			continue
		}
		if err := checkNetType(nettype); err != nil {
			return nil, &LineError{path, n, err.Error()}
		}
		e := Entry{Name: name, NetType: nettype, Host: fields[2], Service: fields[3], Group: kv["g"], Line: n}
		f.Entries[name] = e
		order = append(order, e)
	}
	if err := sc.Err(); err != nil {
		return nil, &LineError{path, n + 1, err.Error()}
	}
	for _, e := range order {
		if e.Group == "" {
			continue
		}
		g, ok := f.Groups[e.Group]
		if !ok {
			return nil, &LineError{path, e.Line, fmt.Sprintf("group %q is not defined", e.Group)}
		}
		g.Members = append(g.Members, e)
	}
	for _, g := range f.Groups {
		if g.End == "" {
			continue
		}
		end := -1
		for i, m := range g.Members {
			if m.Name == g.End {
				end = i
				break
			}
		}
		if end < 0 {
			return nil, &LineError{path, g.Line, fmt.Sprintf("group option e=%s names no member of group %s", g.End, g.Name)}
		}
		g.Members = g.Members[:end+1]
	}
	return f, nil
}

// parseOptions splits "k=v,k2=v2". Options this package does not use
// (b=, k=, s=, csm=(…), pam_serv=(…)…) are kept but ignored; a value in
// parentheses may hold commas.
func parseOptions(s string) (map[string]string, error) {
	kv := map[string]string{}
	for s != "" {
		var item string
		depth, i := 0, 0
		for ; i < len(s); i++ {
			switch s[i] {
			case '(':
				depth++
			case ')':
				depth--
			}
			if s[i] == ',' && depth <= 0 {
				break
			}
		}
		item, s = s[:i], s[min(i+1, len(s)):]
		if item == "" {
			continue
		}
		k, v, ok := strings.Cut(item, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("option %q: want key=value", item)
		}
		kv[strings.ToLower(k)] = v
	}
	return kv, nil
}

// checkNetType accepts the TCP nettypes of an SQLI client: product "on"
// or "ol", interface "soc" or "tli", protocol "tcp" or "ssl". Shared
// memory and stream pipes are local to a server machine, drsoc* speaks
// DRDA: none of them can be reached by this driver.
func checkNetType(t string) error {
	if len(t) == 8 && (t[:2] == "on" || t[:2] == "ol") {
		switch t[2:] {
		case "soctcp", "tlitcp", "socssl", "tlissl":
			return nil
		}
	}
	return fmt.Errorf("nettype %q: only onsoctcp, ontlitcp, onsocssl (and their ol forms) reach a server over TCP", t)
}

// Port resolves the entry's service: a number, or a name looked up in
// /etc/services (net.LookupPort).
func (e Entry) Port(ctx context.Context) (uint16, error) {
	if p, err := strconv.ParseUint(e.Service, 10, 16); err == nil {
		if p == 0 {
			return 0, fmt.Errorf("sqlhosts line %d: port 0", e.Line)
		}
		return uint16(p), nil
	}
	p, err := net.DefaultResolver.LookupPort(ctx, "tcp", e.Service)
	if err != nil {
		return 0, fmt.Errorf("sqlhosts line %d: service %q: %w", e.Line, e.Service, err)
	}
	return uint16(p), nil
}

// Resolve returns the entries behind name: one for a server, the
// members of a group in the order a client tries them (from a random
// member, wrapping around, for c=1).
func (f *File) Resolve(name string) ([]Entry, error) {
	if e, ok := f.Entries[name]; ok {
		return []Entry{e}, nil
	}
	g, ok := f.Groups[name]
	if !ok {
		return nil, fmt.Errorf("sqlhosts %s: no entry for server %q", f.Path, name)
	}
	if len(g.Members) == 0 {
		return nil, fmt.Errorf("sqlhosts %s:%d: group %q has no members", f.Path, g.Line, name)
	}
	out := append([]Entry(nil), g.Members...)
	if g.Random {
		k := rand.IntN(len(out))
		out = append(out[k:], out[:k]...)
	}
	return out, nil
}
