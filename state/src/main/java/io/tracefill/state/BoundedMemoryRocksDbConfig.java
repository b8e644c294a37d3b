package io.tracefill.state;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Bounds the memory of every RocksDB store of this process by one shared budget: one block
 * cache, which also holds index and filter blocks, and one write buffer manager charged to that
 * cache. Without it each store (and each segment of a window store) takes its own memtables and
 * cache, so memory grows with the number of partitions and segments rather than with
 * configuration.
 *
 * <p>Settings (passed through the Streams configuration): {@value #TOTAL_BYTES} (default 128 MiB),
 * {@value #WRITE_BUFFER_RATIO} (share of it for memtables, default 0.5).
 */
public final class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {
    public static final String TOTAL_BYTES = "tracefill.rocksdb.memory.bytes";
    public static final String WRITE_BUFFER_RATIO = "tracefill.rocksdb.write.buffer.ratio";
    public static final long DEFAULT_TOTAL_BYTES = 128L << 20;
    public static final double DEFAULT_WRITE_BUFFER_RATIO = 0.5;
    private static final long BLOCK_SIZE = 16 << 10;
    private static final double HIGH_PRIORITY_POOL_RATIO = 0.1;

    private static final Object LOCK = new Object();
    private static Budget budget;

    /** The shared cache and write buffer manager, created once per process with the first store's settings. */
    private record Budget(long totalBytes, long writeBufferBytes, Cache cache, WriteBufferManager writeBuffers) {
    }

    static Budget budget(Map<String, Object> configs) {
        synchronized (LOCK) {
            if (budget == null) {
                long total = longSetting(configs, TOTAL_BYTES, DEFAULT_TOTAL_BYTES);
                double ratio = doubleSetting(configs, WRITE_BUFFER_RATIO, DEFAULT_WRITE_BUFFER_RATIO);
                if (total < (8L << 20)) {
                    throw new IllegalArgumentException(TOTAL_BYTES + ": must be at least 8 MiB, got " + total);
                }
                if (!(ratio > 0 && ratio < 1)) {
                    throw new IllegalArgumentException(WRITE_BUFFER_RATIO + ": must be between 0 and 1, got " + ratio);
                }
                Cache cache = new LRUCache(total, -1, false, HIGH_PRIORITY_POOL_RATIO);
                long writeBufferBytes = (long) (total * ratio);
                budget = new Budget(total, writeBufferBytes, cache, new WriteBufferManager(writeBufferBytes, cache));
            }
            return budget;
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Budget b = budget(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(b.cache());
        table.setBlockSize(BLOCK_SIZE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(b.writeBuffers());
        // small memtables: many stores and segments share one budget
        options.setWriteBufferSize(Math.max(1L << 20, b.writeBufferBytes() / 8));
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by all stores: never closed here
    }

    /** Bytes of the shared budget (for the memory metric), or 0 before the first store opened. */
    public static long configuredBytes() {
        synchronized (LOCK) {
            return budget == null ? 0 : budget.totalBytes();
        }
    }

    /** Bytes RocksDB currently holds in the shared cache (blocks and memtables charged to it). */
    public static long usedBytes() {
        synchronized (LOCK) {
            return budget == null ? 0 : budget.cache().getUsage();
        }
    }

    private static long longSetting(Map<String, Object> configs, String key, long defaultValue) {
        Object v = configs.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a number of bytes, got '" + v + "'");
        }
    }

    private static double doubleSetting(Map<String, Object> configs, String key, double defaultValue) {
        Object v = configs.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a number, got '" + v + "'");
        }
    }
}
