package eu.indriva;
@org.springframework.boot.autoconfigure.SpringBootApplication
public class IndrivaApplication { public static void main(String[] a){ org.springframework.boot.SpringApplication.run(IndrivaApplication.class, a);} }
