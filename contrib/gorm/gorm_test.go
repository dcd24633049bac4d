package informix_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/ifxgo/ifx"
	informix "github.com/ifxgo/ifx/contrib/gorm"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/stdlib"
)

type User struct {
	gorm.Model
	Name    string `gorm:"size:100;not null"`
	Email   string `gorm:"size:120;uniqueIndex"`
	Age     int
	Active  bool
	Bio     string
	Balance float64 `gorm:"precision:10;scale:2"`
	Orders  []Order
}

type Order struct {
	ID     uint
	UserID uint   `gorm:"index"`
	Item   string `gorm:"size:50"`
	Amount int32
}

// sqlLog records the SQL GORM runs.
type sqlLog struct {
	logger.Interface
	mu  sync.Mutex
	sql []string
}

func (l *sqlLog) Trace(_ context.Context, _ time.Time, fc func() (string, int64), _ error) {
	s, _ := fc()
	l.mu.Lock()
	l.sql = append(l.sql, s)
	l.mu.Unlock()
}

func (l *sqlLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.sql
	l.sql = nil
	return s
}

func (l *sqlLog) LogMode(logger.LogLevel) logger.Interface { return l }

// open opens GORM on a fresh ifxtest database.
func open(t *testing.T, cfg *gorm.Config) (*gorm.DB, *sqlLog) {
	t.Helper()
	srv := ifxtest.NewServer(t)
	log := &sqlLog{Interface: logger.Discard}
	if cfg == nil {
		cfg = &gorm.Config{}
	}
	cfg.Logger = log
	db, err := gorm.Open(informix.Open(srv.DSN("testdb")), cfg)
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sqlDB.Close() })
	return db, log
}

// TestAutoMigrateTwice: the first AutoMigrate creates the tables and
// indexes with IDS types; the second finds them as they should be and
// changes nothing.
func TestAutoMigrateTwice(t *testing.T) {
	db, log := open(t, &gorm.Config{DisableForeignKeyConstraintWhenMigrating: true})
	if err := db.AutoMigrate(&User{}, &Order{}); err != nil {
		t.Fatal(err)
	}
	ddl := strings.Join(log.take(), "\n")
	for _, want := range []string{
		"CREATE TABLE users (id BIGSERIAL,created_at DATETIME YEAR TO FRACTION(5),updated_at DATETIME YEAR TO FRACTION(5),deleted_at DATETIME YEAR TO FRACTION(5),name VARCHAR(100) NOT NULL,email VARCHAR(120),age BIGINT,active BOOLEAN,bio LVARCHAR,balance DECIMAL(10,2),PRIMARY KEY (id))",
		"CREATE UNIQUE INDEX idx_users_email ON users(email)",
		"CREATE INDEX idx_users_deleted_at ON users(deleted_at)",
		"CREATE TABLE orders (id BIGSERIAL,user_id BIGINT,item VARCHAR(50),amount INTEGER,PRIMARY KEY (id))",
	} {
		if !strings.Contains(ddl, want) {
			t.Errorf("missing %s\nin\n%s", want, ddl)
		}
	}
	m := db.Migrator()
	if !m.HasTable(&User{}) || !m.HasTable("orders") || m.HasTable("nosuch") {
		t.Error("HasTable")
	}
	if !m.HasColumn(&User{}, "Email") || !m.HasColumn(&User{}, "deleted_at") || m.HasColumn(&User{}, "nosuch") {
		t.Error("HasColumn")
	}
	if !m.HasIndex(&User{}, "idx_users_email") || !m.HasIndex(&Order{}, "UserID") || m.HasIndex(&User{}, "nosuch") {
		t.Error("HasIndex")
	}

	if err := db.AutoMigrate(&User{}, &Order{}); err != nil {
		t.Fatal(err)
	}
	for _, s := range log.take() {
		if !strings.HasPrefix(s, "SELECT") {
			t.Errorf("second AutoMigrate changed the schema: %s", s)
		}
	}

	cols, err := m.ColumnTypes(&User{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range cols {
		got[c.Name()] = c.DatabaseTypeName()
	}
	for col, want := range map[string]string{"id": "BIGSERIAL", "name": "VARCHAR", "active": "BOOLEAN",
		"bio": "LVARCHAR", "balance": "DECIMAL", "created_at": "DATETIME YEAR TO FRACTION(5)", "age": "BIGINT"} {
		if got[col] != want {
			t.Errorf("column %s: %q, want %q", col, got[col], want)
		}
	}
	if len(cols) != 10 {
		t.Errorf("%d columns", len(cols))
	}
}

// TestAutoMigrateDefaults: columns with defaults (literal, boolean,
// CURRENT) read back from sysdefaults as GORM wrote them, so a second
// AutoMigrate leaves them alone.
func TestAutoMigrateDefaults(t *testing.T) {
	type Setting struct {
		ID      uint
		Kind    string    `gorm:"size:10;default:plain"`
		Level   int       `gorm:"default:5"`
		On      bool      `gorm:"default:true"`
		Changed time.Time `gorm:"default:CURRENT YEAR TO FRACTION(5)"`
	}
	db, log := open(t, nil)
	if err := db.AutoMigrate(&Setting{}); err != nil {
		t.Fatal(err)
	}
	want := "CREATE TABLE settings (id BIGSERIAL,kind VARCHAR(10) DEFAULT 'plain',level BIGINT DEFAULT 5,on BOOLEAN DEFAULT 't',changed DATETIME YEAR TO FRACTION(5) DEFAULT CURRENT YEAR TO FRACTION(5),PRIMARY KEY (id))"
	if ddl := strings.Join(log.take(), "\n"); !strings.Contains(ddl, want) {
		t.Errorf("missing %s\nin\n%s", want, ddl)
	}
	if err := db.AutoMigrate(&Setting{}); err != nil {
		t.Fatal(err)
	}
	for _, s := range log.take() {
		if !strings.HasPrefix(s, "SELECT") {
			t.Errorf("second AutoMigrate changed the schema: %s", s)
		}
	}
	var s Setting
	if err := db.Create(&s).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.First(&s, s.ID).Error; err != nil || s.Kind != "plain" || s.Level != 5 || !s.On || s.Changed.IsZero() {
		t.Errorf("defaults read back: %+v %v", s, err)
	}
}

// TestMigratorDDL: AddColumn, RenameColumn, DropColumn, CreateIndex,
// DropIndex, RenameTable and DropTable in IDS's syntax.
func TestMigratorDDL(t *testing.T) {
	db, _ := open(t, nil)
	type Item struct {
		ID    uint
		Code  string `gorm:"size:20"`
		Price int
	}
	m := db.Migrator()
	if err := m.CreateTable(&Item{}); err != nil {
		t.Fatal(err)
	}
	type Item2 struct {
		ID    uint
		Code  string `gorm:"size:20;index:idx_code"`
		Price int
		Note  string `gorm:"size:30"`
	}
	it := db.Table("items") // Item2 grown on the items table
	if err := it.Migrator().AddColumn(&Item2{}, "Note"); err != nil {
		t.Fatal(err)
	}
	if !it.Migrator().HasColumn(&Item2{}, "note") {
		t.Error("added column missing")
	}
	if err := it.Migrator().RenameColumn(&Item2{}, "note", "remark"); err != nil {
		t.Fatal(err)
	}
	if err := it.Migrator().DropColumn(&Item2{}, "remark"); err != nil {
		t.Fatal(err)
	}
	if it.Migrator().HasColumn(&Item2{}, "remark") || it.Migrator().HasColumn(&Item2{}, "note") {
		t.Error("column still there")
	}
	if err := it.Migrator().CreateIndex(&Item2{}, "idx_code"); err != nil {
		t.Fatal(err)
	}
	if !it.Migrator().HasIndex(&Item2{}, "idx_code") {
		t.Error("index missing")
	}
	if err := it.Migrator().DropIndex(&Item2{}, "idx_code"); err != nil {
		t.Fatal(err)
	}
	if it.Migrator().HasIndex(&Item2{}, "idx_code") {
		t.Error("index still there")
	}
	if err := m.RenameTable("items", "goods"); err != nil {
		t.Fatal(err)
	}
	if m.HasTable("items") || !m.HasTable("goods") {
		t.Error("rename table")
	}
	if err := m.DropTable("goods"); err != nil {
		t.Fatal(err)
	}
	if m.HasTable("goods") {
		t.Error("drop table")
	}
	if name := m.CurrentDatabase(); name != "testdb" {
		t.Errorf("CurrentDatabase %q", name)
	}
}

func migrated(t *testing.T) (*gorm.DB, *sqlLog) {
	t.Helper()
	db, log := open(t, &gorm.Config{DisableForeignKeyConstraintWhenMigrating: true})
	if err := db.AutoMigrate(&User{}, &Order{}); err != nil {
		t.Fatal(err)
	}
	log.take()
	return db, log
}

// TestCRUD: Create fills the BIGSERIAL key, a slice is created as
// one-row INSERTs in one pipelined batch with each key filled, and
// First/Updates/Delete work.
func TestCRUD(t *testing.T) {
	srv := ifxtest.NewServer(t)
	cfg, err := ifx.ParseConfig(srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	tr := &stmtTracer{}
	cfg.Tracer = tr
	pool := stdlib.OpenDB(*cfg)
	defer pool.Close()
	db, err := gorm.Open(informix.New(informix.Config{Conn: pool}), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AutoMigrate(&User{}, &Order{}); err != nil {
		t.Fatal(err)
	}
	u := User{Name: "Ann", Email: "ann@x", Age: 30, Active: true, Bio: strings.Repeat("b", 300), Balance: 12.5}
	if err := db.Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	if u.ID == 0 {
		t.Fatal("ID not filled from the SERIAL")
	}
	batch := []User{{Name: "Bob", Email: "bob@x"}, {Name: "Cy", Email: "cy@x"}, {Name: "Di", Email: "di@x"}}
	tr.take()
	res := db.Create(&batch)
	if res.Error != nil {
		t.Fatal(res.Error)
	}
	if res.RowsAffected != 3 {
		t.Errorf("RowsAffected %d", res.RowsAffected)
	}
	// The slice went as one pipelined batch of three one-row INSERTs.
	if got := strings.Join(tr.take(), "; "); got != "BATCH 3" {
		t.Errorf("statements for 3 rows: %s", got)
	}
	for i, b := range batch {
		if b.ID != u.ID+uint(i)+1 {
			t.Errorf("batch[%d].ID = %d, want %d", i, b.ID, u.ID+uint(i)+1)
		}
	}

	// A slice where one row sets the key and another leaves it to the
	// SERIAL: GORM marks the missing one DEFAULT, which IDS's VALUES lacks.
	mixed := []User{{Model: gorm.Model{ID: 500}, Name: "Set", Email: "set@x"}, {Name: "Gen", Email: "gen@x"}}
	if err := db.Create(&mixed).Error; err != nil {
		t.Fatal(err)
	}
	if mixed[0].ID != 500 || mixed[1].ID <= 500 {
		t.Errorf("mixed keys: %d, %d", mixed[0].ID, mixed[1].ID)
	}
	db.Unscoped().Delete(&mixed)

	// A row with no value at all: IDS has no INSERT … DEFAULT VALUES.
	type Ticket struct{ ID uint }
	if err := db.AutoMigrate(&Ticket{}); err != nil {
		t.Fatal(err)
	}
	tickets := []Ticket{{}, {}}
	if err := db.Create(&tickets).Error; err != nil {
		t.Fatal(err)
	}
	if tickets[0].ID != 1 || tickets[1].ID != 2 {
		t.Errorf("tickets %+v", tickets)
	}

	var got User
	if err := db.First(&got, u.ID).Error; err != nil {
		t.Fatal(err)
	}
	if got.Name != "Ann" || got.Age != 30 || !got.Active || got.Bio != u.Bio || got.Balance != 12.5 || got.CreatedAt.IsZero() {
		t.Errorf("read back %+v", got)
	}
	if err := db.Model(&got).Updates(map[string]any{"age": 31, "active": false}).Error; err != nil {
		t.Fatal(err)
	}
	db.First(&got, u.ID)
	if got.Age != 31 || got.Active {
		t.Errorf("after update %+v", got)
	}
	var n int64
	db.Model(&User{}).Where("active = ?", false).Count(&n)
	if n != 4 {
		t.Errorf("count of inactive %d", n)
	}
	if err := db.Where("name = ?", "Nobody").First(&User{}).Error; !errors.Is(err, gorm.ErrRecordNotFound) {
		t.Errorf("First without a row: %v", err)
	}
	if err := db.Create(&User{Name: "Dup", Email: "ann@x"}).Error; err == nil {
		t.Error("duplicate unique email accepted")
	}
}

// TestHasManyPreload: orders created with their user, then preloaded.
func TestHasManyPreload(t *testing.T) {
	db, _ := migrated(t)
	u := User{Name: "Eve", Email: "eve@x", Orders: []Order{{Item: "pen", Amount: 2}, {Item: "ink", Amount: 5}}}
	if err := db.Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	if u.Orders[0].ID == 0 || u.Orders[1].ID == 0 || u.Orders[0].UserID != u.ID {
		t.Fatalf("orders not filled: %+v", u.Orders)
	}
	var got User
	if err := db.Preload("Orders", func(tx *gorm.DB) *gorm.DB { return tx.Order("id") }).First(&got, u.ID).Error; err != nil {
		t.Fatal(err)
	}
	if len(got.Orders) != 2 || got.Orders[0].Item != "pen" || got.Orders[1].Amount != 5 {
		t.Errorf("preloaded %+v", got.Orders)
	}
	var total int64
	db.Model(&Order{}).Where("user_id = ?", u.ID).Select("SUM(amount)").Scan(&total)
	if total != 7 {
		t.Errorf("sum %d", total)
	}
}

// TestSoftDelete: Delete sets deleted_at, queries skip the row, Unscoped
// sees and really deletes it.
func TestSoftDelete(t *testing.T) {
	db, _ := migrated(t)
	u := User{Name: "Fay", Email: "fay@x"}
	db.Create(&u)
	if err := db.Delete(&u).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.First(&User{}, u.ID).Error; !errors.Is(err, gorm.ErrRecordNotFound) {
		t.Errorf("soft-deleted row found: %v", err)
	}
	var got User
	if err := db.Unscoped().First(&got, u.ID).Error; err != nil || !got.DeletedAt.Valid {
		t.Errorf("Unscoped: %v %+v", err, got.DeletedAt)
	}
	db.Unscoped().Delete(&got)
	var n int64
	db.Unscoped().Model(&User{}).Count(&n)
	if n != 0 {
		t.Errorf("%d rows after the hard delete", n)
	}
}

// TestTransactions: a failed Transaction rolls back, a successful one
// commits, and a nested one rolls back to its savepoint.
func TestTransactions(t *testing.T) {
	db, _ := migrated(t)
	boom := errors.New("boom")
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&User{Name: "Gil", Email: "gil@x"}).Error; err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&User{Name: "Hal", Email: "hal@x"}).Error; err != nil {
			return err
		}
		tx.Transaction(func(tx2 *gorm.DB) error {
			tx2.Create(&User{Name: "Ivy", Email: "ivy@x"})
			return boom
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	db.Model(&User{}).Order("name").Pluck("name", &names)
	if strings.Join(names, ",") != "Hal" {
		t.Errorf("after the transactions: %v", names)
	}
}

// TestPagination: Offset and Limit become SELECT SKIP n FIRST m.
func TestPagination(t *testing.T) {
	db, log := migrated(t)
	for i := 0; i < 7; i++ {
		db.Create(&User{Name: string(rune('a' + i)), Email: string(rune('a'+i)) + "@x"})
	}
	log.take()
	var page []User
	if err := db.Order("id").Offset(2).Limit(3).Find(&page).Error; err != nil {
		t.Fatal(err)
	}
	if len(page) != 3 || page[0].Name != "c" || page[2].Name != "e" {
		t.Errorf("page %v", page)
	}
	sql := log.take()
	if len(sql) != 1 || !strings.HasPrefix(sql[0], "SELECT SKIP 2 FIRST 3 * FROM users WHERE users.deleted_at IS NULL ORDER BY id") {
		t.Errorf("SQL %q", sql)
	}
	var names []string
	db.Model(&User{}).Order("id").Limit(2).Pluck("name", &names)
	if strings.Join(names, "") != "ab" {
		t.Errorf("Limit only: %v", names)
	}
	db.Model(&User{}).Order("id").Offset(5).Pluck("name", &names)
	if strings.Join(names, "") != "fg" {
		t.Errorf("Offset only: %v", names)
	}
	var none []User
	if err := db.Limit(0).Find(&none).Error; err != nil || len(none) != 0 {
		t.Errorf("Limit(0): %d rows, %v", len(none), err)
	}
	var first User
	db.First(&first)
	if first.Name != "a" {
		t.Errorf("First %+v", first)
	}
	if s := log.take(); !strings.Contains(strings.Join(s, "\n"), "SELECT FIRST 1 * FROM users") {
		t.Errorf("First: %q", s)
	}
}

// stmtTracer records the SQL of every statement ifx runs.
type stmtTracer struct {
	mu  sync.Mutex
	sql []string
}

func (s *stmtTracer) TraceQueryStart(ctx context.Context, _ *ifx.Conn, d ifx.TraceQueryStartData) context.Context {
	s.mu.Lock()
	s.sql = append(s.sql, d.SQL)
	s.mu.Unlock()
	return ctx
}

func (s *stmtTracer) TraceQueryEnd(context.Context, *ifx.Conn, ifx.TraceQueryEndData) {}

func (s *stmtTracer) TraceBatchStart(ctx context.Context, _ *ifx.Conn, d ifx.TraceBatchStartData) context.Context {
	s.mu.Lock()
	s.sql = append(s.sql, "BATCH "+strconv.Itoa(d.Len))
	s.mu.Unlock()
	return ctx
}

func (s *stmtTracer) TraceBatchEnd(context.Context, *ifx.Conn, ifx.TraceBatchEndData) {}

func (s *stmtTracer) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.sql
	s.sql = nil
	return l
}

// TestForeignKeyConstraint: the has-many's foreign key is created with
// the name after the definition, as IDS writes it, and enforced.
func TestForeignKeyConstraint(t *testing.T) {
	db, log := open(t, nil)
	if err := db.AutoMigrate(&User{}, &Order{}); err != nil {
		t.Fatal(err)
	}
	ddl := strings.Join(log.take(), "\n")
	want := "CREATE TABLE orders (id BIGSERIAL,user_id BIGINT,item VARCHAR(50),amount INTEGER,PRIMARY KEY (id),FOREIGN KEY (user_id) REFERENCES users(id) CONSTRAINT fk_users_orders)"
	if !strings.Contains(ddl, want) {
		t.Errorf("missing %s\nin\n%s", want, ddl)
	}
	if err := db.Create(&Order{UserID: 12345, Item: "orphan"}).Error; ifx.SQLCode(err) != -691 {
		t.Errorf("an order without its user: %v, want -691", err)
	}
}
