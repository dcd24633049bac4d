package ifx_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
)

func clearIfxEnv(t *testing.T) {
	for _, k := range []string{"INFORMIXSERVER", "IFX_HOST", "IFX_PORT", "IFX_USER", "IFX_PASSWORD", "IFX_DATABASE", "CLIENT_LOCALE", "DB_LOCALE", "INFORMIXSQLHOSTS", "INFORMIXDIR"} {
		t.Setenv(k, "")
	}
}

func TestParseConfigForms(t *testing.T) {
	clearIfxEnv(t)
	type want struct {
		hosts    string
		server   string
		db       string
		user, pw string
	}
	cases := []struct {
		dsn  string
		want want
	}{
		{"informix://u:p@h:9000/db?server=ol", want{"h:9000", "ol", "db", "u", "p"}},
		{"informix://u:p%40ss%2Fx@h1:9000,h2,[::1]:9001/db?server=ol", want{"h1:9000,h2:9088,[::1]:9001", "ol", "db", "u", "p@ss/x"}},
		{"informix://u@h/", want{"h:9088", "informix", "", "u", ""}},
		{"informix://u:p@h/db?server=ol&port=9999", want{"h:9999", "ol", "db", "u", "p"}},
		{"host=h port=9100 server=ol database=db user=u password='s e\\'cret'", want{"h:9100", "ol", "db", "u", "s e'cret"}},
		{"host=a,b port=1,2 user=u", want{"a:1,b:2", "informix", "", "u", ""}},
		{"jdbc:informix-sqli://h:9088/stores:INFORMIXSERVER=ol_prod;user=app;password=pw", want{"h:9088", "ol_prod", "stores", "app", "pw"}},
		{"jdbc:informix-sqli://h:9088:INFORMIXSERVER=ol;user=u;password=p;DBPATH=/a/b", want{"h:9088", "ol", "", "u", "p"}},
		{"jdbc:informix-sqli://[::1]:9090/db;user=u", want{"[::1]:9090", "informix", "db", "u", ""}},
	}
	for _, tc := range cases {
		cfg, err := ifx.ParseConfig(tc.dsn)
		if err != nil {
			t.Errorf("%s: %v", tc.dsn, err)
			continue
		}
		var hosts []string
		for _, h := range cfg.Hosts {
			hosts = append(hosts, h.String())
		}
		got := want{strings.Join(hosts, ","), cfg.Server, cfg.Database, cfg.User, cfg.Password}
		if got != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.dsn, got, tc.want)
		}
	}
}

func TestParseConfigOptions(t *testing.T) {
	clearIfxEnv(t)
	cfg, err := ifx.ParseConfig("informix://u:p@h/db?server=ol&connect_timeout=5&tls=verify-ca&client_locale=en_US.utf8&db_locale=en_US.utf8" +
		"&env.DBDATE=DMY4/&env.OPTOFC=1&fetch_buffer=65536&time_location=Europe/Paris&max_message_size=1048576&interrupt_wait=250ms&read_timeout=1m&app_name=svc")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ConnectTimeout != 5*time.Second || cfg.TLSMode != ifx.TLSVerifyCA || cfg.ClientLocale != "en_US.utf8" ||
		cfg.DBLocale != "en_US.utf8" || cfg.Env["DBDATE"] != "DMY4/" || cfg.Env["OPTOFC"] != "1" ||
		cfg.FetchBufferSize != 65536 || cfg.TimeLocation.String() != "Europe/Paris" || cfg.MaxMessageSize != 1<<20 ||
		cfg.InterruptWait != 250*time.Millisecond || cfg.ReadTimeout != time.Minute || cfg.AppName != "svc" {
		t.Errorf("%+v", cfg)
	}
	// JDBC names.
	cfg, err = ifx.ParseConfig("jdbc:informix-sqli://h:1/db:INFORMIXSERVER=x;LOGINTIMEOUT=2500;FET_BUF_SIZE=8192;CLIENT_LOCALE=en_US.utf8;DBDATE=Y4MD-;encrypt=true")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ConnectTimeout != 2500*time.Millisecond || cfg.FetchBufferSize != 8192 || cfg.ClientLocale != "en_US.utf8" ||
		cfg.Env["DBDATE"] != "Y4MD-" || cfg.TLSMode != ifx.TLSVerifyFull {
		t.Errorf("jdbc: %+v", cfg)
	}
	// Defaults.
	cfg, err = ifx.ParseConfig("")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Hosts[0].Port != 9088 || cfg.Server != "informix" || cfg.FetchBufferSize != 32767 || cfg.TimeLocation != time.UTC ||
		cfg.ClientLocale != "en_US.8859-1" || cfg.TLSMode != ifx.TLSDisable {
		t.Errorf("defaults: %+v", cfg)
	}
	// TLS on means verify-full.
	for _, v := range []string{"true", "on", "verify-full"} {
		cfg, err = ifx.ParseConfig("host=h tls=" + v)
		if err != nil || cfg.TLSMode != ifx.TLSVerifyFull {
			t.Errorf("tls=%s: %v %v", v, cfg.TLSMode, err)
		}
	}
}

func TestParseConfigEnvironment(t *testing.T) {
	clearIfxEnv(t)
	t.Setenv("INFORMIXSERVER", "ol_env")
	t.Setenv("IFX_HOST", "envhost")
	t.Setenv("IFX_PORT", "9999")
	t.Setenv("IFX_USER", "envuser")
	t.Setenv("IFX_PASSWORD", "envpw")
	t.Setenv("IFX_DATABASE", "envdb")
	cfg, err := ifx.ParseConfig("")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Server != "ol_env" || cfg.Hosts[0].String() != "envhost:9999" || cfg.User != "envuser" || cfg.Password != "envpw" || cfg.Database != "envdb" {
		t.Errorf("%+v", cfg)
	}
	cfg, err = ifx.ParseConfig("informix://u@other/db2?server=x")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Server != "x" || cfg.Hosts[0].String() != "other:9088" || cfg.User != "u" || cfg.Database != "db2" || cfg.Password != "envpw" {
		t.Errorf("DSN over environment: %+v %s", cfg, cfg.Hosts[0])
	}
}

func TestConfigNeverShowsPassword(t *testing.T) {
	clearIfxEnv(t)
	const pw = "Sup3rS3cret"
	good := []string{
		"informix://u:" + pw + "@h/db?server=ol",
		"host=h user=u password=" + pw,
		"host=h user=u password='" + pw + "'",
		"jdbc:informix-sqli://h:1/db:INFORMIXSERVER=x;user=u;password=" + pw,
	}
	for _, dsn := range good {
		cfg, err := ifx.ParseConfig(dsn)
		if err != nil {
			t.Fatalf("%s: %v", dsn, err)
		}
		if cfg.Password != pw {
			t.Errorf("%s: password %q", dsn, cfg.Password)
		}
		if s := cfg.String(); strings.Contains(s, pw) {
			t.Errorf("String shows the password: %s", s)
		}
	}
	bad := []string{
		"informix://u:" + pw + "@h:notaport/db",
		"informix://u:" + pw + "@h/db?tls=maybe",
		"host=h password=" + pw + " port=x",
		"host=h password='" + pw,
		"host=h password=" + pw + " bogus_option=1",
		"jdbc:informix-sqli://h:1/db:INFORMIXSERVER=x;password=" + pw + ";LOGINTIMEOUT=abc",
		"informix://u:" + pw + "@h/db?client_locale=xx_XX.klingon",
	}
	for _, dsn := range bad {
		_, err := ifx.ParseConfig(dsn)
		if err == nil {
			t.Errorf("%s: no error", dsn)
			continue
		}
		if strings.Contains(err.Error(), pw) {
			t.Errorf("error shows the password: %v", err)
		}
		var pe *ifx.ParseConfigError
		if !errors.As(err, &pe) {
			t.Errorf("%T is not a ParseConfigError", err)
		}
	}
}

func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{"informix://u:p@h:1,h2/db?server=s&env.A=b", "host='a b' port=1", "jdbc:informix-sqli://h:1/d:INFORMIXSERVER=x;user=u", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dsn string) {
		cfg, err := ifx.ParseConfig(dsn)
		if err != nil {
			return
		}
		if cfg.Password != "" && strings.Contains(cfg.String(), ":"+cfg.Password+"@") && cfg.Password != "xxxxx" {
			t.Errorf("String shows the password %q: %s", cfg.Password, cfg)
		}
	})
}
