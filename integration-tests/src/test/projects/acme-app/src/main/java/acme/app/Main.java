package acme.app;

import acme.db.AcmeDb;
import io.github.usdt4j.ProviderStatus;
import io.github.usdt4j.Providers;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * Prints whether its probes are active and {@code ready PID}, waits for a line on standard
 * input, fires three queries and prints {@code fired}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        AcmeDb db = Providers.get(AcmeDb.class);
        ProviderStatus status = Providers.status(AcmeDb.class);
        System.out.println(status.active() ? "active" : "inactive: " + status.reason());
        System.out.println("ready " + ProcessHandle.current().pid());
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        for (int id = 1; id <= 3; id++) {
            db.query(id, "select * from t" + id, id * 10L);
        }
        System.out.println("fired");
    }
}
