package informix_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	informix "github.com/ifxgo/ifx/contrib/gorm"
)

// TestDataTypeOf: Go types map onto IDS column types.
func TestDataTypeOf(t *testing.T) {
	type T struct {
		ID     uint
		Small  int16
		I32    int32
		U32    uint32
		U16    uint16
		F32    float32
		F64    float64
		Dec    float64 `gorm:"precision:12;scale:3"`
		Short  string  `gorm:"size:10"`
		Long   string  `gorm:"size:1000"`
		Text   string
		Key    string `gorm:"index"`
		Flag   bool
		At     time.Time
		Blob   []byte
		Serial int32 `gorm:"autoIncrement"`
	}
	s, err := schema.Parse(&T{}, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		t.Fatal(err)
	}
	d := informix.Open("")
	var got []string
	for _, name := range []string{"ID", "Small", "I32", "U32", "U16", "F32", "F64", "Dec", "Short", "Long", "Text", "Key", "Flag", "At", "Blob", "Serial"} {
		got = append(got, name+"="+d.DataTypeOf(s.LookUpField(name)))
	}
	want := "ID=BIGSERIAL Small=SMALLINT I32=INTEGER U32=BIGINT U16=INTEGER F32=SMALLFLOAT F64=FLOAT Dec=DECIMAL(12,3) " +
		"Short=VARCHAR(10) Long=LVARCHAR(1000) Text=LVARCHAR Key=VARCHAR(255) Flag=BOOLEAN " +
		"At=DATETIME YEAR TO FRACTION(5) Blob=BYTE Serial=SERIAL"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestQuoting: names are unquoted by default and double-quoted, part by
// part, with DelimIdent.
func TestQuoting(t *testing.T) {
	for _, c := range []struct {
		d    gorm.Dialector
		want string
	}{
		{informix.Open(""), `SELECT * FROM Mixed.tbl WHERE tbl.x = ?`},
		{informix.New(informix.Config{DelimIdent: true}), `SELECT * FROM "Mixed"."tbl" WHERE "tbl"."x" = ?`},
	} {
		db, err := gorm.Open(c.d, &gorm.Config{DryRun: true, DisableAutomaticPing: true})
		if err != nil {
			t.Fatal(err)
		}
		if sqlDB, err := db.DB(); err == nil {
			defer sqlDB.Close()
		}
		stmt := db.Table("Mixed.tbl").Where(map[string]any{"x": 1}).Find(&[]map[string]any{}).Statement
		if got := stmt.SQL.String(); got != c.want {
			t.Errorf("got %s, want %s", got, c.want)
		}
	}
}
