package io.tracefill.serdes.otlp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SqlSummaryTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            SELECT id, total FROM orders WHERE id = ?                 | SELECT orders
            select * from `shop`.`orders` o join items i on o.id=i.o  | SELECT shop.orders
            /* app=orders */ INSERT INTO order_items (a, b) VALUES (1,2) | INSERT order_items
            UPDATE "orders" SET total = 1                              | UPDATE orders
            delete from orders where id = 7                           | DELETE orders
            -- comment\\nSELECT 1                                        | SELECT
            SELECT 'from x' , y FROM t2                                | SELECT t2
            CREATE TABLE IF NOT EXISTS t (a int)                       | CREATE t
            DROP TABLE t2                                              | DROP t2
            COMMIT                                                     | COMMIT
            SELECT * FROM (SELECT 1) x                                 | SELECT
            """)
    void summarisesTheVerbAndTheMainTable(String sql, String expected) {
        SqlSummary s = SqlSummary.of(sql.replace("\\n", "\n"));
        assertThat(s).isNotNull();
        assertThat(s.text()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            COM_QUERY
            hello world
            42
            """)
    void textThatIsNoStatementHasNoSummary(String text) {
        assertThat(SqlSummary.of(text)).isNull();
    }
}
