-- A service's own first migration, version 1 like the outbox's: the two histories keep apart.
CREATE TABLE service_fact (
    id   BIGINT       NOT NULL AUTO_INCREMENT,
    fact VARCHAR(100) NOT NULL,
    PRIMARY KEY (id)
);
