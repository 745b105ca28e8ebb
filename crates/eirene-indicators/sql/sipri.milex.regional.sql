-- sipri.milex.regional: military expenditure of the world, SIPRI regions and sub-regions as SIPRI
-- publishes them in the Regional totals sheet (totals include SIPRI's estimates for countries
-- without data; they are not sums of the country rows). The real change is computed from the
-- constant-price series: (constant_t / constant_{t-1} - 1) * 100, null where either is missing
-- or the year before is 0.
SELECT
    r.level,
    r.region,
    r.parent_region,
    r.year,
    r.constant_usd_m,
    r.current_usd_m,
    r.price_base_year,
    CASE WHEN r.constant_usd_m IS NULL OR p.constant_usd_m IS NULL OR p.constant_usd_m = 0 THEN NULL
         ELSE (r.constant_usd_m / p.constant_usd_m - 1.0) * 100.0
    END AS real_change_pct,
    r.constant_usd_m_status,
    r.current_usd_m_status,
    r.omitted_countries
FROM milex_regional AS r
LEFT JOIN milex_regional AS p
    ON p.region = r.region
   AND p.price_base_year = r.price_base_year
   AND p.year = r.year - 1
