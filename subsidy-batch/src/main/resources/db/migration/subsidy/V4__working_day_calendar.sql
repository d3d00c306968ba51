-- The Shanghai working-day calendar as data (working-days.md; subsidy-rules.md §9): the years
-- loaded, and their special days. A working day is Monday–Friday, less the HOLIDAY days (days off
-- that would otherwise be working days: only weekdays are stored, the weekend days inside a holiday
-- period are off anyway), plus the WORKDAY days (调休上班: make-up working days on a weekend).
-- A year not in calendar_year is not known: a deadline in it is refused, never guessed. Later years
-- are loaded by an officer with PUT /api/v1/calendar/{year} after the State Council's notice.
-- Kept to the SQL that MySQL 8.4 and MariaDB 11.4 both accept.

CREATE TABLE calendar_year (
    calendar_year INT          NOT NULL,
    loaded_at     DATETIME(3)  NOT NULL,
    loaded_by     VARCHAR(128) NOT NULL,
    PRIMARY KEY (calendar_year)
);

CREATE TABLE calendar_day (
    calendar_year INT         NOT NULL,
    day           DATE        NOT NULL,
    kind          VARCHAR(8)  NOT NULL,
    PRIMARY KEY (day),
    CONSTRAINT calendar_day_kind CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
    CONSTRAINT calendar_day_of_year FOREIGN KEY (calendar_year) REFERENCES calendar_year (calendar_year)
);

-- 国务院办公厅关于2025年部分节假日安排的通知 and 关于2026年部分节假日安排的通知
INSERT INTO calendar_year (calendar_year, loaded_at, loaded_by) VALUES
    (2025, NOW(3), 'migration V4'),
    (2026, NOW(3), 'migration V4');

INSERT INTO calendar_day (calendar_year, day, kind) VALUES
    -- 2025 元旦 01-01
    (2025, '2025-01-01', 'HOLIDAY'),  -- Wed
    -- 2025 春节 01-28 … 02-04 off, 01-26 (Sun) and 02-08 (Sat) worked
    (2025, '2025-01-26', 'WORKDAY'),  -- Sun
    (2025, '2025-01-28', 'HOLIDAY'),  -- Tue
    (2025, '2025-01-29', 'HOLIDAY'),  -- Wed
    (2025, '2025-01-30', 'HOLIDAY'),  -- Thu
    (2025, '2025-01-31', 'HOLIDAY'),  -- Fri
    (2025, '2025-02-03', 'HOLIDAY'),  -- Mon
    (2025, '2025-02-04', 'HOLIDAY'),  -- Tue
    (2025, '2025-02-08', 'WORKDAY'),  -- Sat
    -- 2025 清明节 04-04 … 04-06
    (2025, '2025-04-04', 'HOLIDAY'),  -- Fri
    -- 2025 劳动节 05-01 … 05-05 off, 04-27 (Sun) worked
    (2025, '2025-04-27', 'WORKDAY'),  -- Sun
    (2025, '2025-05-01', 'HOLIDAY'),  -- Thu
    (2025, '2025-05-02', 'HOLIDAY'),  -- Fri
    (2025, '2025-05-05', 'HOLIDAY'),  -- Mon
    -- 2025 端午节 05-31 … 06-02
    (2025, '2025-06-02', 'HOLIDAY'),  -- Mon
    -- 2025 国庆节、中秋节 10-01 … 10-08 off, 09-28 (Sun) and 10-11 (Sat) worked
    (2025, '2025-09-28', 'WORKDAY'),  -- Sun
    (2025, '2025-10-01', 'HOLIDAY'),  -- Wed
    (2025, '2025-10-02', 'HOLIDAY'),  -- Thu
    (2025, '2025-10-03', 'HOLIDAY'),  -- Fri
    (2025, '2025-10-06', 'HOLIDAY'),  -- Mon
    (2025, '2025-10-07', 'HOLIDAY'),  -- Tue
    (2025, '2025-10-08', 'HOLIDAY'),  -- Wed
    (2025, '2025-10-11', 'WORKDAY'),  -- Sat
    -- 2026 元旦 01-01 … 01-03 off, 01-04 (Sun) worked
    (2026, '2026-01-01', 'HOLIDAY'),  -- Thu
    (2026, '2026-01-02', 'HOLIDAY'),  -- Fri
    (2026, '2026-01-04', 'WORKDAY'),  -- Sun
    -- 2026 春节 02-15 … 02-23 off, 02-14 (Sat) and 02-28 (Sat) worked
    (2026, '2026-02-14', 'WORKDAY'),  -- Sat
    (2026, '2026-02-16', 'HOLIDAY'),  -- Mon
    (2026, '2026-02-17', 'HOLIDAY'),  -- Tue
    (2026, '2026-02-18', 'HOLIDAY'),  -- Wed
    (2026, '2026-02-19', 'HOLIDAY'),  -- Thu
    (2026, '2026-02-20', 'HOLIDAY'),  -- Fri
    (2026, '2026-02-23', 'HOLIDAY'),  -- Mon
    (2026, '2026-02-28', 'WORKDAY'),  -- Sat
    -- 2026 清明节 04-04 … 04-06
    (2026, '2026-04-06', 'HOLIDAY'),  -- Mon
    -- 2026 劳动节 05-01 … 05-05 off, 05-09 (Sat) worked
    (2026, '2026-05-01', 'HOLIDAY'),  -- Fri
    (2026, '2026-05-04', 'HOLIDAY'),  -- Mon
    (2026, '2026-05-05', 'HOLIDAY'),  -- Tue
    (2026, '2026-05-09', 'WORKDAY'),  -- Sat
    -- 2026 端午节 06-19 … 06-21
    (2026, '2026-06-19', 'HOLIDAY'),  -- Fri
    -- 2026 中秋节 09-25 … 09-27
    (2026, '2026-09-25', 'HOLIDAY'),  -- Fri
    -- 2026 国庆节 10-01 … 10-07 off, 09-20 (Sun) and 10-10 (Sat) worked
    (2026, '2026-09-20', 'WORKDAY'),  -- Sun
    (2026, '2026-10-01', 'HOLIDAY'),  -- Thu
    (2026, '2026-10-02', 'HOLIDAY'),  -- Fri
    (2026, '2026-10-05', 'HOLIDAY'),  -- Mon
    (2026, '2026-10-06', 'HOLIDAY'),  -- Tue
    (2026, '2026-10-07', 'HOLIDAY'),  -- Wed
    (2026, '2026-10-10', 'WORKDAY');  -- Sat
