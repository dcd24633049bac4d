package sqlhosts

import (
	"context"
	"errors"
	"strings"
	"testing"
)

const sample = `
# a cluster behind a group
g_prod   group    -       -       i=1,e=prod_c
prod_a   onsoctcp host-a  9088    g=g_prod
prod_b   ONSOCSSL host-b  9089    g=g_prod,k=1,b=8192
prod_c   ontlitcp host-c  9090    g=g_prod
prod_d   onsoctcp host-d  9091    g=g_prod   # after e=: not in the group
solo     onsoctcp db.example 9088 csm=(SPWDCSM,p=1),s=4
solo     onsoctcp shadowed 1      # IBM uses only the first entry of a name
`

func TestParseServersAndGroups(t *testing.T) {
	f, err := Parse("/etc/sqlhosts", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	es, err := f.Resolve("g_prod")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name+"@"+e.Host+":"+e.Service)
	}
	if got, want := strings.Join(names, " "), "prod_a@host-a:9088 prod_b@host-b:9089 prod_c@host-c:9090"; got != want {
		t.Fatalf("group members %q, want %q", got, want)
	}
	if !es[1].TLS() || es[0].TLS() || es[2].TLS() {
		t.Fatalf("TLS flags: %v %v %v", es[0].TLS(), es[1].TLS(), es[2].TLS())
	}
	if g := f.Groups["g_prod"]; g.ID != 1 || g.Random {
		t.Fatalf("group options %+v", g)
	}
	solo, err := f.Resolve("solo")
	if err != nil || len(solo) != 1 || solo[0].Host != "db.example" {
		t.Fatalf("solo = %+v, %v", solo, err)
	}
	if _, err := f.Resolve("nosuch"); err == nil || !strings.Contains(err.Error(), `"nosuch"`) {
		t.Fatalf("unknown name: %v", err)
	}
}

func TestGroupRandomStartKeepsOrderAroundTheRing(t *testing.T) {
	f, err := Parse("x", []byte("g group - - c=1\na onsoctcp h 1 g=g\nb onsoctcp h 2 g=g\nc onsoctcp h 3 g=g\n"))
	if err != nil {
		t.Fatal(err)
	}
	starts := map[string]bool{}
	for i := 0; i < 200; i++ {
		es, _ := f.Resolve("g")
		s := es[0].Name + es[1].Name + es[2].Name
		if s != "abc" && s != "bca" && s != "cab" {
			t.Fatalf("order %s is not a rotation of abc", s)
		}
		starts[s] = true
	}
	if len(starts) < 2 {
		t.Fatalf("c=1 always started at the same member: %v", starts)
	}
}

func TestBadLinesNameFileAndLine(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"ok onsoctcp h 1\nbad onsoctcp h\n", "/x/sqlhosts:2: 3 fields"},
		{"a onipcshm h 1\n", "/x/sqlhosts:1: nettype \"onipcshm\""},
		{"a drsoctcp h 1\n", "/x/sqlhosts:1: nettype"},
		{"a onsoctcp h 1 g=nog\n", "/x/sqlhosts:1: group \"nog\" is not defined"},
		{"g group h - i=1\n", "/x/sqlhosts:1: a group's hostname"},
		{"\ng group - - i=x\n", "/x/sqlhosts:2: group option i="},
		{"g group - - c=2\n", "/x/sqlhosts:1: group option c="},
		{"g group - - e=zz\na onsoctcp h 1 g=g\n", "/x/sqlhosts:1: group option e=zz"},
		{"a onsoctcp h 1 junk\n", "/x/sqlhosts:1: option \"junk\""},
		{"a onsoctcp h 1 k=1 extra\n", "/x/sqlhosts:1: 6 fields"},
	} {
		_, err := Parse("/x/sqlhosts", []byte(tc.text))
		var le *LineError
		if !errors.As(err, &le) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want one containing %q", tc.text, err, tc.want)
		}
	}
}

func TestServiceNameThroughServices(t *testing.T) {
	p, err := Entry{Service: "9088"}.Port(context.Background())
	if err != nil || p != 9088 {
		t.Fatalf("numeric: %d %v", p, err)
	}
	// "ssh" is in every /etc/services and in Go's built-in fallback table.
	if p, err := (Entry{Service: "ssh"}).Port(context.Background()); err != nil || p != 22 {
		t.Fatalf("ssh: %d %v", p, err)
	}
	if _, err := (Entry{Service: "no-such-service-ifx", Line: 3}).Port(context.Background()); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("unknown service: %v", err)
	}
}

func TestPathPrefersINFORMIXSQLHOSTS(t *testing.T) {
	env := map[string]string{"INFORMIXDIR": "/opt/ifx"}
	if p, explicit := Path(func(k string) string { return env[k] }); p != "/opt/ifx/etc/sqlhosts" || explicit {
		t.Fatalf("INFORMIXDIR: %s %v", p, explicit)
	}
	env["INFORMIXSQLHOSTS"] = "/etc/my.sqlhosts"
	if p, explicit := Path(func(k string) string { return env[k] }); p != "/etc/my.sqlhosts" || !explicit {
		t.Fatalf("INFORMIXSQLHOSTS: %s %v", p, explicit)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("g group - - c=1\na onsoctcp h 1 g=g\n"))
	f.Add([]byte("a onsoctcp h 1 csm=(a,b=(c,d)),,x=\n"))
	f.Add([]byte("g group - - e=a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz", data)
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("error %T is no LineError: %v", err, err)
			}
			return
		}
		for name := range file.Groups {
			es, err := file.Resolve(name)
			if err == nil && len(es) == 0 {
				t.Fatalf("group %s resolved to nothing without an error", name)
			}
		}
	})
}
