package dev.slipway.api;

import java.lang.reflect.Field;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.inject.Singleton;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * Names constraint violations by the JSON member a caller sent ({@code protected}, {@code default})
 * rather than the Java component behind it ({@code isProtected}), so a field error points at what
 * the caller can fix.
 */
@Singleton
public class JsonPropertyNames implements ValidatorFactoryCustomizer, PropertyNodeNameProvider {
    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.propertyNodeNameProvider(this);
    }

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            try {
                Field field = bean.getDeclaringClass().getDeclaredField(property.getName());
                JsonProperty json = field.getAnnotation(JsonProperty.class);
                if (json != null && !json.value().isEmpty()) {
                    return json.value();
                }
            } catch (NoSuchFieldException e) {
                // A getter without a field of that name: its Java name is the JSON name.
            }
        }
        return property.getName();
    }
}
