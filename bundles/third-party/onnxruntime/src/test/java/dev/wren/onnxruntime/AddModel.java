package dev.wren.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The smallest model that computes something, {@code z = x + y} over {@code float[3]} (one ONNX
 * {@code Add} node, opset 13, IR version 8), hand-assembled as the protobuf encoding of
 * {@code onnx.ModelProto}; and, as {@link #main}, the child JVM of {@link OnnxRuntimeBundleTest}.
 * The field numbers are those of {@code onnx.proto}.
 */
final class AddModel {

  static final float[] X = {1, 2, 3};
  static final float[] Y = {10, 20, 30};
  /** What {@link #main} prints on its last line of standard output when the model ran right. */
  static final String EXPECTED = Arrays.toString(new float[] {11, 22, 33});

  private AddModel() {}

  /** The model's bytes, as {@code OrtEnvironment.createSession(byte[])} takes them. */
  static byte[] bytes() {
    return message(
        varint(1, 8),                             // ir_version
        field(8, message(varint(2, 13))),         // opset_import: default domain, version 13
        field(7, message(                         // graph
            field(1, message(                     //   node
                string(1, "x"), string(1, "y"),   //     input
                string(2, "z"),                   //     output
                string(4, "Add"))),               //     op_type
            string(2, "add"),                     //   name
            field(11, float3("x")),               //   input
            field(11, float3("y")),
            field(12, float3("z")))));            //   output
  }

  /** A {@code ValueInfoProto}: name, type.tensor_type {elem_type FLOAT, shape [3]}. */
  private static byte[] float3(String name) {
    byte[] shape = message(field(1, message(varint(1, 3))));
    return message(string(1, name), field(2, message(field(1, message(varint(1, 1), field(2, shape))))));
  }

  /**
   * Creates the environment, runs the model on {@link #X} and {@link #Y} and prints the output
   * with {@link Arrays#toString(float[])}. Exits non-zero on any failure.
   */
  public static void main(String[] args) throws OrtException {
    var env = OrtEnvironment.getEnvironment();
    try (var session = env.createSession(bytes());
        var x = OnnxTensor.createTensor(env, X);
        var y = OnnxTensor.createTensor(env, Y);
        var result = session.run(Map.of("x", x, "y", y))) {
      System.out.println(Arrays.toString((float[]) result.get(0).getValue()));
    }
  }

  private static byte[] message(byte[]... fields) {
    var out = new ByteArrayOutputStream();
    for (byte[] f : fields) {
      out.writeBytes(f);
    }
    return out.toByteArray();
  }

  private static byte[] varint(int number, long value) {
    return message(encode(number << 3), encode(value));
  }

  private static byte[] field(int number, byte[] value) {
    return message(encode(number << 3 | 2), encode(value.length), value);
  }

  private static byte[] string(int number, String value) {
    return field(number, value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] encode(long value) {
    var out = new ByteArrayOutputStream();
    for (; (value & ~0x7FL) != 0; value >>>= 7) {
      out.write((int) (value & 0x7F) | 0x80);
    }
    out.write((int) value);
    return out.toByteArray();
  }
}
