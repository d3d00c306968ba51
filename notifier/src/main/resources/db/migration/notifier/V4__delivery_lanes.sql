-- The dispatcher works lane by lane, a lane being one recipient's deliveries by one channel, in
-- ledger (id) order: it finds each lane's head (its oldest PENDING row) by a loose scan of this
-- index, one seek per lane and status (GROUP BY status, recipient, channel with MIN(id)), and claims a lane's next rows in id order from it. Due times are no
-- longer searched by an index of their own: the due check is on the heads only, and leasing and
-- deferring, which change next_attempt_at, then touch no index.
ALTER TABLE delivery
    DROP INDEX ix_delivery_due,
    ADD INDEX ix_delivery_lane (status, recipient, channel, id);
