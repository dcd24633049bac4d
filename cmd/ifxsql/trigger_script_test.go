package main

import (
	"bytes"
	"strings"
	"testing"
)

// A script that creates a trigger routine and a trigger (semicolons in the
// routine's REFERENCING … FOR clause and body, commas between the
// trigger's actions) and fires it: each statement reaches the server whole.
func TestScriptCreatesAndFiresATrigger(t *testing.T) {
	var out, errb bytes.Buffer
	script := `CREATE TABLE acct (id SERIAL, bal INT);
CREATE TABLE audit (id INT, bal INT);
CREATE PROCEDURE clamp() REFERENCING OLD AS pre NEW AS post FOR acct;
  IF post.bal < 0 THEN LET post.bal = 0; END IF;
END PROCEDURE;
CREATE TRIGGER acct_upd UPDATE OF bal ON acct REFERENCING NEW AS n
  FOR EACH ROW (EXECUTE PROCEDURE clamp() WITH TRIGGER REFERENCES, INSERT INTO audit VALUES (n.id, n.bal));
INSERT INTO acct (bal) VALUES (5);
UPDATE acct SET bal = bal - 10;
SELECT a.bal, u.bal FROM acct a, audit u WHERE u.id = a.id;
DROP TABLE acct;
DROP TABLE audit;
DROP PROCEDURE clamp;`
	code := run(nil, strings.NewReader(script), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	// The routine clamps the row to 0; the audit row, written after it
	// in the same FOR EACH ROW list, sees the value the routine set.
	if !strings.Contains(out.String(), "  0 |   0\n(1 row)") {
		t.Errorf("output lacks the clamped row:\n%s", out.String())
	}
}
