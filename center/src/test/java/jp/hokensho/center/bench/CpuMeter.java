package jp.hokensho.center.bench;

/**
 * Measures the server's CPU time during one measured run: {@link ServerCpuMeter} for servers in this JVM,
 * {@link StockJdkProcess}'s meter for the stock endpoint in a JVM of its own.
 */
interface CpuMeter extends AutoCloseable {
    /** Leaves this caller thread's CPU time out of the server's. */
    void clientThread(Thread thread);

    /** Ends the run and gives the server's CPU time and the whole processes' CPU time since the start. */
    ServerCpuMeter.Cpu stop();

    /** Ends the measurement without a result (after a failure). */
    @Override
    void close();
}
