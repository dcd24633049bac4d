package stdlib_test

import (
	"context"
	"database/sql"
	"fmt"
	"log"

	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/stdlib"
)

func Example() {
	// A stand-in for an Informix server; point the DSN at yours, e.g.
	// "informix://informix:in4mix@localhost:9088/stores?server=informix".
	srv, err := ifxtest.Start(ifxtest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	dsn := srv.DSN("testdb")

	db, err := sql.Open("informix", dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()

	if _, err := db.ExecContext(ctx, "CREATE TABLE fruit (id SERIAL, name VARCHAR(20), price DECIMAL(6,2))"); err != nil {
		log.Fatal(err)
	}
	res, err := db.ExecContext(ctx, "INSERT INTO fruit (name, price) VALUES (?, ?)", "apple", "0.45")
	if err != nil {
		log.Fatal(err)
	}
	id, _ := res.LastInsertId()
	fmt.Println("inserted id", id)

	rows, err := db.QueryContext(ctx, "SELECT id, name, price FROM fruit WHERE price < ?", 1)
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id    int
			name  string
			price string // DECIMAL arrives exact, as text (or scan into ifxtype.Decimal)
		)
		if err := rows.Scan(&id, &name, &price); err != nil {
			log.Fatal(err)
		}
		fmt.Println(id, name, price)
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// inserted id 1
	// 1 apple 0.45
}

// The native *ifx.Conn under a database/sql connection.
func ExampleAcquireConn() {
	srv, err := ifxtest.Start(ifxtest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	db, err := sql.Open("informix", srv.DSN("testdb"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()

	conn, release, err := stdlib.AcquireConn(ctx, db)
	if err != nil {
		log.Fatal(err)
	}
	defer release()
	fmt.Println(conn.DatabaseInfo().Name, conn.DatabaseInfo().Logged)
	// Output: testdb true
}

func ExampleCopyIn() {
	srv, err := ifxtest.Start(ifxtest.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	db, err := sql.Open("informix", srv.DSN("testdb"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,2))"); err != nil {
		log.Fatal(err)
	}

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("items", "id", "name", "price"))
	if err != nil {
		log.Fatal(err)
	}
	for i := 1; i <= 1000; i++ {
		// Queues the row; the rows go out pipelined, hundreds to a round trip.
		if _, err := stmt.ExecContext(ctx, i, fmt.Sprint("item ", i), "9.99"); err != nil {
			log.Fatal(err)
		}
	}
	res, err := stmt.ExecContext(ctx) // no arguments: flush
	if err != nil {
		// A row the server refused: errors.As(err, &be) with be an
		// *ifx.BatchError gives its index.
		log.Fatal(err)
	}
	n, _ := res.RowsAffected()
	if err := stmt.Close(); err != nil {
		log.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		log.Fatal(err)
	}
	fmt.Println("inserted", n)
	// Output:
	// inserted 1000
}
