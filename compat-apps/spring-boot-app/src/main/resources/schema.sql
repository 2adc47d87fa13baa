CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(64));
INSERT INTO products VALUES (1, 'anvil'), (2, 'rocket skates'), (3, 'giant magnet');
