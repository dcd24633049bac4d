package informix_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/ifxgo/ifx"
	informix "github.com/ifxgo/ifx/contrib/gorm"
	"github.com/ifxgo/ifx/ifxtest"
)

// roundTrips is the request groups the server has received so far, over
// all connections: a count of messages, not a timing.
func roundTrips(srv *ifxtest.Server) int {
	n := 0
	for _, s := range srv.Stats() {
		n += s.RequestGroups
	}
	return n
}

func users(n, from int) []User {
	us := make([]User, n)
	for i := range us {
		us[i] = User{Name: fmt.Sprint("u", from+i), Email: fmt.Sprint("u", from+i, "@x"), Age: i}
	}
	return us
}

// TestCreateInBatchesPipelined: CreateInBatches and a slice Create send
// each batch's one-row INSERTs pipelined: two round trips per batch
// (prepare, then the executions), whatever the batch's size (up to the
// 64 KiB of one request group), in GORM's
// default transaction, in the caller's Transaction and outside any; each
// row's BIGSERIAL key is filled.
func TestCreateInBatchesPipelined(t *testing.T) {
	srv := ifxtest.NewServer(t)
	for _, tc := range []struct {
		name string
		cfg  gorm.Config
		tx   bool
	}{
		{"default transaction", gorm.Config{}, false},
		{"in Transaction", gorm.Config{}, true},
		{"no transaction", gorm.Config{SkipDefaultTransaction: true}, false},
		{"prepared statements", gorm.Config{PrepareStmt: true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.Logger = logger.Discard
			db, err := gorm.Open(informix.Open(srv.DSN("testdb")), &tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			sqlDB, _ := db.DB()
			defer sqlDB.Close()
			db.Migrator().DropTable(&Order{}, &User{})
			if err := db.AutoMigrate(&User{}); err != nil {
				t.Fatal(err)
			}
			create := func(us []User, size int) (trips int) {
				t.Helper()
				before := roundTrips(srv)
				run := func(tx *gorm.DB) error { return tx.CreateInBatches(&us, size).Error }
				if tc.tx {
					err = db.Transaction(run)
				} else {
					err = run(db)
				}
				if err != nil {
					t.Fatal(err)
				}
				for i, u := range us {
					if u.ID == 0 || i > 0 && u.ID != us[i-1].ID+1 {
						t.Fatalf("row %d: ID %d after %d", i, u.ID, us[max(i-1, 0)].ID)
					}
				}
				return roundTrips(srv) - before
			}
			// A batch is two round trips (prepare, then the executions;
			// up to some 800 short rows, 64 KiB, travel in one request
			// group), plus GORM's transaction: begin and commit.
			small := create(users(10, 0), 10)
			big := create(users(200, 100), 200)
			three := create(users(300, 1000), 100)
			// One-row INSERTs one by one would take 10, 200 and 300
			// round trips at least. Two more batches cost two round
			// trips each (and a SAVEPOINT inside a caller's transaction).
			if small > 4 || big != small || three < small+2*2 || three > small+2*2+1 {
				t.Errorf("round trips: 10 rows %d, 200 rows %d, 3 batches of 100 %d; want at most 4, the same, and 4 (or 5) more", small, big, three)
			}
			var n int64
			db.Model(&User{}).Count(&n)
			if n != 510 {
				t.Errorf("%d rows, want 510", n)
			}
		})
	}
}

// TestCreateBatchFailureRollsBack: a row the server refuses stops the
// batch with its error (the SQLCODE reachable), and GORM's default
// transaction takes back the rows before it.
func TestCreateBatchFailureRollsBack(t *testing.T) {
	db, _ := open(t, nil)
	if err := db.AutoMigrate(&User{}); err != nil {
		t.Fatal(err)
	}
	us := users(5, 0)
	us[3].Email = us[1].Email // unique index
	err := db.Create(&us).Error
	var be *ifx.BatchError
	if code := ifx.SQLCode(err); code != -239 && code != -268 || !errors.As(err, &be) || be.Index != 3 {
		t.Fatalf("got %v, want the duplicate at index 3", err)
	}
	var n int64
	db.Model(&User{}).Count(&n)
	if n != 0 {
		t.Errorf("%d rows left after the failed batch", n)
	}
	// The connection is fine afterwards.
	if err := db.Create(new(users(2, 10))).Error; err != nil {
		t.Fatal(err)
	}
}

type itemKind string

type Item struct {
	ID    uint
	Note  *string
	Kind  itemKind `gorm:"size:10"`
	Price *float64
	When  time.Time
}

// Values of the kinds GORM hands over bind on the batch path as through
// database/sql: pointers (nil or not), named types, time.Time and
// driver.Valuers (gorm.DeletedAt). Each row reads back exactly, nil
// pointers as NULL, and the rows travel on the pipelined path: a Create
// of 40 rows costs the same few round trips as one of 4 (one-row INSERTs
// one by one would take a round trip each).
func TestCreateBatchConvertsValues(t *testing.T) {
	srv := ifxtest.NewServer(t)
	db, err := gorm.Open(informix.Open(srv.DSN("testdb")), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := db.DB()
	t.Cleanup(func() { sqlDB.Close() })
	if err := db.AutoMigrate(&Item{}, &User{}); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 12, 6, 10, 11, 12, 345_670_000, time.UTC)
	items := func(n, from int) []Item {
		its := make([]Item, n)
		for i := range its {
			k := from + i
			its[i] = Item{Kind: itemKind(fmt.Sprint("k", k)), When: when.Add(time.Duration(k) * time.Hour)}
			if k%2 == 0 { // every other row binds non-nil pointers
				note, price := fmt.Sprint("note ", k), float64(k)+0.25
				its[i].Note, its[i].Price = &note, &price
			}
		}
		return its
	}
	create := func(its []Item) (trips int) {
		t.Helper()
		before := roundTrips(srv)
		if err := db.Create(&its).Error; err != nil {
			t.Fatal(err)
		}
		return roundTrips(srv) - before
	}
	want := append(items(4, 0), items(40, 4)...)
	small, big := create(want[:4]), create(want[4:])
	// Begin, prepare, the executions, commit: 4, whatever the count.
	if small > 4 || big != small {
		t.Errorf("round trips: 4 rows %d, 40 rows %d; want at most 4 and the same", small, big)
	}
	var got []Item
	if err := db.Order("id").Find(&got).Error; err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows read back, want %d", len(got), len(want))
	}
	str := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	flt := func(p *float64) string {
		if p == nil {
			return "<nil>"
		}
		return fmt.Sprint(*p)
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.ID || g.Kind != w.Kind || str(g.Note) != str(w.Note) || flt(g.Price) != flt(w.Price) || !g.When.Equal(w.When) {
			t.Errorf("row %d: read back {%d %s %s %s %v}, want {%d %s %s %s %v}", i,
				g.ID, g.Kind, str(g.Note), flt(g.Price), g.When, w.ID, w.Kind, str(w.Note), flt(w.Price), w.When)
		}
	}
	// The nil pointers are NULLs in the table, not zero values.
	var nulls int64
	if err := db.Raw("SELECT COUNT(*) FROM items WHERE note IS NULL AND price IS NULL").Scan(&nulls).Error; err != nil {
		t.Fatal(err)
	}
	if nulls != int64(len(want)/2) {
		t.Errorf("%d rows with NULL note and price, want %d", nulls, len(want)/2)
	}
	// gorm.DeletedAt is a driver.Valuer: a valid one stores its time.
	us := users(3, 0)
	gone := when.Add(-time.Hour)
	us[1].DeletedAt = gorm.DeletedAt{Time: gone, Valid: true}
	if err := db.Create(&us).Error; err != nil {
		t.Fatal(err)
	}
	var live, all []User
	db.Order("id").Find(&live)
	db.Unscoped().Order("id").Find(&all)
	if len(live) != 2 || len(all) != 3 || !all[1].DeletedAt.Valid || !all[1].DeletedAt.Time.Equal(gone) || all[0].DeletedAt.Valid {
		t.Errorf("deleted_at: %d live, %d in all, row 1 %+v, row 0 %+v", len(live), len(all), all[1].DeletedAt, all[0].DeletedAt)
	}
}
