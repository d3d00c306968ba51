package cn.shanghai.techfinance.subsidy.ledger;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * intake-service's ledger, read-only (in production a replica): subsidy-batch never writes another
 * service's tables. Its own tables use the primary {@code spring.datasource}.
 */
@Configuration
public class LedgerDataSourceConfiguration {

    /** Not a default candidate: everything that asks for "the" DataSource gets subsidy-batch's own. */
    @Bean(defaultCandidate = false)
    @Qualifier("ledger")
    public DataSource ledgerDataSource(@Value("${ledger.datasource.url}") String url,
                                       @Value("${ledger.datasource.username}") String username,
                                       @Value("${ledger.datasource.password:}") String password) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("ledger");
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(username);
        dataSource.setPassword(password);
        dataSource.setReadOnly(true);
        dataSource.setMaximumPoolSize(8);
        return dataSource;
    }

    @Bean(defaultCandidate = false)
    @Qualifier("ledger")
    public JdbcTemplate ledgerJdbc(@Qualifier("ledger") DataSource ledgerDataSource) {
        return new JdbcTemplate(ledgerDataSource);
    }
}
