package ifxtest_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	_ "github.com/ifxgo/ifx/stdlib" // the database/sql driver "informix"
)

// Example shows ifxtest standing in for an Informix server in a test of
// an application. In a Go test, use ifxtest.NewServer(t) instead of Start:
// it closes the server when the test ends and fails the test if the
// client broke the protocol. The server starts with a logged database
// "testdb"; CREATE DATABASE makes others.
func Example() {
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

	// The application's schema and statements, in IDS's dialect.
	if _, err := db.ExecContext(ctx, "CREATE TABLE orders (id SERIAL PRIMARY KEY, customer VARCHAR(40) NOT NULL, total DECIMAL(8,2))"); err != nil {
		log.Fatal(err)
	}
	res, err := db.ExecContext(ctx, "INSERT INTO orders (customer, total) VALUES (?, ?)", "Ann", "12.50")
	if err != nil {
		log.Fatal(err)
	}
	id, _ := res.LastInsertId() // the SERIAL the server generated
	var customer, total string
	if err := db.QueryRowContext(ctx, "SELECT FIRST 1 customer, total FROM orders WHERE id = ?", id).Scan(&customer, &total); err != nil {
		log.Fatal(err)
	}
	fmt.Println(id, customer, total)

	// ifxtest refuses what IDS refuses, with IDS's error codes: here a
	// NULL in a NOT NULL column.
	_, err = db.ExecContext(ctx, "INSERT INTO orders (customer) VALUES (NULL)")
	var ifxErr *ifx.Error
	if errors.As(err, &ifxErr) {
		fmt.Println("SQLCODE", ifxErr.SQLCode)
	}

	// srv.Stats() tells what each connection did (round trips, statements
	// left open), for tests that assert them.

	// Output:
	// 1 Ann 12.50
	// SQLCODE -391
}
