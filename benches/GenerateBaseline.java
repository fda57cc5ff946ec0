// Baseline for benches/planner.rs: the assignment `kafka-reassign-partitions --generate` proposes.
//
// It calls the tool's own assignment step (ReassignPartitionsCommand.calculateAssignment, the code
// --generate runs after fetching topics and brokers), so nothing of Kafka's algorithm is redone here.
// That step is randomised, so it runs RUNS times (first argument, default 1).
//
// stdin, one item a line:
//   broker <id> <rack or ->
//   partition <topic> <partition> <replica,replica,...>
// stdout, per run: "run <n>", then "<topic> <partition> <replica,replica,...>" per partition.
//
// Run: java -cp '<kafka lib dir>/*' benches/GenerateBaseline.java [RUNS] < layout.txt

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.metadata.placement.UsableBroker;
import org.apache.kafka.tools.reassign.ReassignPartitionsCommand;

public class GenerateBaseline {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        List<UsableBroker> brokers = new ArrayList<>();
        Map<TopicPartition, List<Integer>> current = new LinkedHashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 0 || f[0].isEmpty()) continue;
            if (f[0].equals("broker") && f.length == 3) {
                Optional<String> rack = f[2].equals("-") ? Optional.empty() : Optional.of(f[2]);
                brokers.add(new UsableBroker(Integer.parseInt(f[1]), rack, false));
            } else if (f[0].equals("partition") && f.length == 4) {
                List<Integer> replicas = new ArrayList<>();
                for (String r : f[3].split(",")) replicas.add(Integer.parseInt(r));
                current.put(new TopicPartition(f[1], Integer.parseInt(f[2])), replicas);
            } else {
                throw new IllegalArgumentException("bad input line: " + line);
            }
        }
        Method calc = ReassignPartitionsCommand.class.getDeclaredMethod(
            "calculateAssignment", Map.class, List.class);
        calc.setAccessible(true);
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out));
        for (int run = 0; run < runs; run++) {
            @SuppressWarnings("unchecked")
            Map<TopicPartition, List<Integer>> proposed =
                (Map<TopicPartition, List<Integer>>) calc.invoke(null, current, brokers);
            out.write("run " + run + "\n");
            Map<String, Map<Integer, List<Integer>>> sorted = new TreeMap<>();
            for (Map.Entry<TopicPartition, List<Integer>> e : proposed.entrySet()) {
                sorted.computeIfAbsent(e.getKey().topic(), t -> new TreeMap<>())
                    .put(e.getKey().partition(), e.getValue());
            }
            for (Map.Entry<String, Map<Integer, List<Integer>>> t : sorted.entrySet()) {
                for (Map.Entry<Integer, List<Integer>> p : t.getValue().entrySet()) {
                    StringBuilder sb = new StringBuilder();
                    for (Integer r : p.getValue()) {
                        if (sb.length() > 0) sb.append(',');
                        sb.append(r);
                    }
                    out.write(t.getKey() + " " + p.getKey() + " " + sb + "\n");
                }
            }
        }
        out.flush();
    }
}
