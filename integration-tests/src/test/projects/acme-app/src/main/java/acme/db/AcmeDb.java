package acme.db;

import io.github.usdt4j.DType;
import io.github.usdt4j.Probe;
import io.github.usdt4j.Provider;

/** A provider in a package the module does not export. */
@Provider("acmedb")
public interface AcmeDb {
    @Probe
    void query(int id, String sql, @DType("size_t") long rows);
}
