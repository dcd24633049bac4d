package ifx

import (
	"errors"
	"strings"
	"testing"
)

func TestParseConfigWithOptionsHandsOverUnknownKeys(t *testing.T) {
	for name, dsn := range map[string]string{
		"url":  "informix://u:p@h:9088/db?server=s&x_size=12&app_name=a",
		"kv":   "host=h server=s database=db x_size='12' app_name=a",
		"jdbc": "jdbc:informix-sqli://h:9088/db:INFORMIXSERVER=s;X_SIZE=12;app_name=a",
	} {
		got := map[string]string{}
		cfg, err := ParseConfigWithOptions(dsn, ParseConfigOptions{ExtraOption: func(k, v string) (bool, error) {
			if !strings.HasPrefix(strings.ToLower(k), "x_") {
				return false, nil
			}
			got[strings.ToLower(k)] = v
			return true, nil
		}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got["x_size"] != "12" || len(got) != 1 || cfg.AppName != "a" || cfg.Server != "s" {
			t.Errorf("%s: claimed %v, config %v", name, got, cfg)
		}
		if _, ok := cfg.Env["X_SIZE"]; ok {
			t.Errorf("%s: a claimed key went to the server environment", name)
		}
	}
}

func TestParseConfigWithOptionsErrors(t *testing.T) {
	claim := ParseConfigOptions{ExtraOption: func(k, v string) (bool, error) {
		if k != "x_size" {
			return false, nil
		}
		return true, errors.New("x_size must be a number")
	}}
	_, err := ParseConfigWithOptions("informix://u:secret@h/db?x_size=big", claim)
	var pe *ParseConfigError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "x_size must be a number") || strings.Contains(err.Error(), "secret") {
		t.Errorf("claimed key's error: %v", err)
	}
	// Keys nobody claims are still unknown.
	if _, err := ParseConfigWithOptions("informix://u@h/db?y_size=1", claim); err == nil || !strings.Contains(err.Error(), "unknown option") {
		t.Errorf("unclaimed key: %v", err)
	}
}
